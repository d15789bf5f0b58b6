#!/usr/bin/env bash
# Fetches the Apache Kafka server jars named in tools/kafka/pom.xml from Maven Central into
# .cache/kafka/<version>/libs (inside the checkout, ignored by git). Does nothing when they are
# already there. Needs java (17+) and mvn. Prints the libs directory.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
version=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$here/pom.xml")
libs="$root/.cache/kafka/$version/libs"
if [ ! -f "$libs/.complete" ]; then
  rm -rf "$libs"
  mvn -q -B -Dstyle.color=never -f "$here/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$libs" >&2
  ls "$libs"/kafka_2.13-"$version".jar >/dev/null
  touch "$libs/.complete"
fi
echo "$libs"
