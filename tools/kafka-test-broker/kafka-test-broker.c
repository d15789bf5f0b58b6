/*
 * kafka-test-broker: a Kafka-protocol broker for tests, built on
 * librdkafka's in-process mock cluster (rdkafka_mock.h).
 *
 * Apache Kafka cannot be installed in this environment, but librdkafka ships
 * a mock cluster that speaks enough of the wire protocol for kafkajs
 * (produce, fetch, consumer groups, offset commits, metadata). This program
 * exposes it as a standalone process that a test harness can drive over
 * stdin/stdout:
 *
 *   kafka-test-broker [--brokers N] [topic:partitions ...]
 *
 *   stdout: "BOOTSTRAP host:port,..." once, then one reply per command.
 *   stdin:  "down K" | "up K" | "rtt K MS" | "create TOPIC PARTITIONS" | "quit"
 *   reply:  "OK <command>" or "ERR <reason>"
 *
 * The process exits 0 on "quit", on stdin EOF (so an orphaned broker dies
 * with the test runner that spawned it) and on SIGTERM/SIGINT.
 *
 * What "down"/"up" mean, as observed with librdkafka 2.0.2 + kafkajs 2.2.4
 * (librdkafka's own docs only say "disconnects the broker and disallows any
 * new connections"):
 *  - set_down closes the broker's open connections and stops its listener
 *    (the socket stays bound, so nothing else can grab the port), so new
 *    connects get ECONNREFUSED immediately instead of hanging. kafkajs
 *    treats that as a retriable connection error and fails the request once
 *    its retry budget is spent: ~10 s with default retry settings, ~0.3 s
 *    with { retries: 2, initialRetryTime: 100 }. Nothing beyond set_down is
 *    needed to make the outage observable.
 *  - set_up listens on the same port again, so clients that cached the
 *    address reconnect on their next attempt (observed: within a few ms).
 *  - Metadata keeps advertising the down broker and partition leadership
 *    never moves, so with several brokers only requests that need the down
 *    broker (its partitions, groups it coordinates) fail.
 *
 * rd_kafka_mock_cluster_destroy() can take up to ~1 s in 2.0.2 (its internal
 * broker thread only notices termination on its next 1 s wake-up), so allow
 * for that when waiting for exit.
 */

#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#define LINE_MAX_LEN 1024

static int sig_pipe[2] = {-1, -1};

/* Only async-signal-safe work here; the main loop notices the byte. */
static void on_signal(int signo) {
        int saved_errno = errno;
        unsigned char b = (unsigned char)signo;
        ssize_t r       = write(sig_pipe[1], &b, 1);
        (void)r; /* pipe full means a wake-up is already pending */
        errno = saved_errno;
}

static int setup_signals(void) {
        struct sigaction sa;
        int i;

        if (pipe(sig_pipe) == -1)
                return -1;
        for (i = 0; i < 2; i++) {
                int fl = fcntl(sig_pipe[i], F_GETFL);
                if (fl == -1 ||
                    fcntl(sig_pipe[i], F_SETFL, fl | O_NONBLOCK) == -1 ||
                    fcntl(sig_pipe[i], F_SETFD, FD_CLOEXEC) == -1)
                        return -1;
        }

        memset(&sa, 0, sizeof(sa));
        sigemptyset(&sa.sa_mask);
        sa.sa_handler = on_signal;
        /* No SA_RESTART: poll() must return EINTR so shutdown is prompt. */
        if (sigaction(SIGTERM, &sa, NULL) == -1 ||
            sigaction(SIGINT, &sa, NULL) == -1)
                return -1;

        /* A vanished parent must not kill us mid-reply; we notice the
         * write error (or stdin EOF) and shut down cleanly instead. */
        sa.sa_handler = SIG_IGN;
        if (sigaction(SIGPIPE, &sa, NULL) == -1)
                return -1;
        return 0;
}

/* Strict integer parsing: the harness should hear about typos, not get
 * broker 0 because atoi() gave up. */
static int parse_int(const char *s, long min, long max, int *out) {
        char *end;
        long v;

        if (!s || !*s)
                return -1;
        errno = 0;
        v     = strtol(s, &end, 10);
        if (errno || *end || v < min || v > max)
                return -1;
        *out = (int)v;
        return 0;
}

static int replication_factor(int broker_cnt) {
        return broker_cnt < 3 ? broker_cnt : 3;
}

static int create_topic(rd_kafka_mock_cluster_t *mcluster,
                        int broker_cnt,
                        const char *topic,
                        int partitions,
                        char *errbuf,
                        size_t errsize) {
        rd_kafka_resp_err_t err;

        err = rd_kafka_mock_topic_create(mcluster, topic, partitions,
                                         replication_factor(broker_cnt));
        if (err) {
                snprintf(errbuf, errsize, "%s", rd_kafka_err2str(err));
                return -1;
        }
        return 0;
}

/* Returns 0 if the caller may continue, 1 on "quit", -1 if stdout broke. */
static int handle_command(rd_kafka_mock_cluster_t *mcluster,
                          int broker_cnt,
                          char *line) {
        char original[LINE_MAX_LEN + 1];
        char errbuf[512];
        char *argv[4];
        int argc = 0;
        char *save = NULL;
        char *tok;
        int quit  = 0;
        int ok    = 0;

        snprintf(original, sizeof(original), "%s", line);

        for (tok = strtok_r(line, " \t\r", &save); tok;
             tok = strtok_r(NULL, " \t\r", &save)) {
                if (argc == (int)(sizeof(argv) / sizeof(argv[0]))) {
                        argc = -1;
                        break;
                }
                argv[argc++] = tok;
        }

        if (argc == 0)
                return 0; /* blank lines are not commands */

        errbuf[0] = '\0';

        if (argc == -1) {
                snprintf(errbuf, sizeof(errbuf), "too many arguments");
        } else if (!strcmp(argv[0], "quit") && argc == 1) {
                ok   = 1;
                quit = 1;
        } else if ((!strcmp(argv[0], "down") || !strcmp(argv[0], "up")) &&
                   argc == 2) {
                int id;
                rd_kafka_resp_err_t err;

                /* The mock API treats -1 as "all brokers"; the harness
                 * only speaks in real broker ids. */
                if (parse_int(argv[1], 1, broker_cnt, &id) == -1) {
                        snprintf(errbuf, sizeof(errbuf),
                                 "broker id must be 1..%d, got '%s'",
                                 broker_cnt, argv[1]);
                } else {
                        err = argv[0][0] == 'd'
                                  ? rd_kafka_mock_broker_set_down(mcluster, id)
                                  : rd_kafka_mock_broker_set_up(mcluster, id);
                        if (err)
                                snprintf(errbuf, sizeof(errbuf), "%s",
                                         rd_kafka_err2str(err));
                        else
                                ok = 1;
                }
        } else if (!strcmp(argv[0], "rtt") && argc == 3) {
                int id, ms;
                rd_kafka_resp_err_t err;

                if (parse_int(argv[1], 1, broker_cnt, &id) == -1 ||
                    parse_int(argv[2], 0, INT_MAX, &ms) == -1) {
                        snprintf(errbuf, sizeof(errbuf),
                                 "usage: rtt <1..%d> <milliseconds>",
                                 broker_cnt);
                } else if ((err = rd_kafka_mock_broker_set_rtt(mcluster, id,
                                                               ms))) {
                        snprintf(errbuf, sizeof(errbuf), "%s",
                                 rd_kafka_err2str(err));
                } else {
                        ok = 1;
                }
        } else if (!strcmp(argv[0], "create") && argc == 3) {
                int partitions;

                if (parse_int(argv[2], 1, 100000, &partitions) == -1)
                        snprintf(errbuf, sizeof(errbuf),
                                 "partitions must be a positive integer, "
                                 "got '%s'",
                                 argv[2]);
                else if (create_topic(mcluster, broker_cnt, argv[1],
                                      partitions, errbuf,
                                      sizeof(errbuf)) == 0)
                        ok = 1;
        } else {
                snprintf(errbuf, sizeof(errbuf),
                         "unknown command '%s' (expected: down K | up K | "
                         "rtt K MS | create TOPIC PARTITIONS | quit)",
                         argv[0]);
        }

        /* Echo the command as received, minus the line terminator, so the
         * harness can match replies to requests when debugging. */
        original[strcspn(original, "\r")] = '\0';
        if (ok)
                printf("OK %s\n", original);
        else
                printf("ERR %s\n", errbuf);
        if (fflush(stdout) == EOF)
                return -1;

        return quit;
}

/* Reads commands from stdin until quit/EOF/signal. Uses raw read() rather
 * than stdio because a buffered FILE would hide pending lines from poll(). */
static void command_loop(rd_kafka_mock_cluster_t *mcluster, int broker_cnt) {
        char buf[LINE_MAX_LEN + 1];
        size_t len     = 0;
        int discarding = 0; /* inside an over-long line */

        for (;;) {
                struct pollfd fds[2] = {
                    {.fd = STDIN_FILENO, .events = POLLIN},
                    {.fd = sig_pipe[0], .events = POLLIN},
                };
                ssize_t r;
                char *nl;

                if (poll(fds, 2, -1) == -1) {
                        if (errno == EINTR)
                                continue; /* the self-pipe says why */
                        perror("kafka-test-broker: poll");
                        return;
                }

                if (fds[1].revents)
                        return; /* SIGTERM / SIGINT */

                if (!fds[0].revents)
                        continue;

                r = read(STDIN_FILENO, buf + len, sizeof(buf) - 1 - len);
                if (r == -1) {
                        if (errno == EINTR || errno == EAGAIN)
                                continue;
                        perror("kafka-test-broker: read stdin");
                        return;
                }
                if (r == 0)
                        return; /* EOF: the controlling process is gone */
                len += (size_t)r;
                buf[len] = '\0';

                while ((nl = memchr(buf, '\n', len))) {
                        size_t consumed = (size_t)(nl - buf) + 1;
                        int rc          = 0;

                        *nl = '\0';
                        if (discarding) {
                                discarding = 0;
                        } else {
                                rc = handle_command(mcluster, broker_cnt, buf);
                        }
                        len -= consumed;
                        memmove(buf, buf + consumed, len);
                        buf[len] = '\0';
                        if (rc != 0)
                                return; /* quit, or stdout is gone */
                }

                if (len == sizeof(buf) - 1) {
                        /* Reply once for the whole over-long line, then skip
                         * the rest of it. */
                        if (!discarding) {
                                printf("ERR line too long (max %d bytes)\n",
                                       LINE_MAX_LEN - 1);
                                if (fflush(stdout) == EOF)
                                        return;
                        }
                        discarding = 1;
                        len        = 0;
                }
        }
}

static void usage(FILE *out) {
        fprintf(out,
                "usage: kafka-test-broker [--brokers N] "
                "[topic:partitions ...]\n");
}

int main(int argc, char **argv) {
        int broker_cnt = 1;
        int first_topic;
        int i;
        int exit_code = 1;
        char errstr[512];
        rd_kafka_conf_t *conf;
        rd_kafka_t *rk                    = NULL;
        rd_kafka_mock_cluster_t *mcluster = NULL;

        for (i = 1; i < argc; i++) {
                if (!strcmp(argv[i], "--brokers") && i + 1 < argc) {
                        if (parse_int(argv[i + 1], 1, 64, &broker_cnt) == -1) {
                                fprintf(stderr,
                                        "kafka-test-broker: --brokers must be "
                                        "1..64, got '%s'\n",
                                        argv[i + 1]);
                                return 2;
                        }
                        i++;
                } else if (!strcmp(argv[i], "-h") ||
                           !strcmp(argv[i], "--help")) {
                        usage(stdout);
                        return 0;
                } else {
                        break;
                }
        }
        first_topic = i;

        /* Validate every topic spec before starting anything, so a typo
         * fails fast with exit 2 and no half-built cluster. */
        for (i = first_topic; i < argc; i++) {
                const char *colon = strrchr(argv[i], ':');
                int partitions;

                if (!colon || colon == argv[i] ||
                    parse_int(colon + 1, 1, 100000, &partitions) == -1) {
                        fprintf(stderr,
                                "kafka-test-broker: bad topic spec '%s' "
                                "(expected topic:partitions)\n",
                                argv[i]);
                        usage(stderr);
                        return 2;
                }
        }

        if (setup_signals() == -1) {
                perror("kafka-test-broker: signal setup");
                return 1;
        }

        /* The mock cluster needs an rd_kafka_t for its threads and logging;
         * this producer never talks to any broker itself. Notices (e.g. about
         * the missing bootstrap.servers) would only be noise on stderr. */
        conf = rd_kafka_conf_new();
        if (rd_kafka_conf_set(conf, "log_level", "4", errstr,
                              sizeof(errstr)) != RD_KAFKA_CONF_OK) {
                fprintf(stderr, "kafka-test-broker: %s\n", errstr);
                rd_kafka_conf_destroy(conf);
                goto out;
        }
        rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof(errstr));
        if (!rk) {
                fprintf(stderr, "kafka-test-broker: rd_kafka_new: %s\n",
                        errstr);
                rd_kafka_conf_destroy(conf); /* not consumed on failure */
                goto out;
        }

        mcluster = rd_kafka_mock_cluster_new(rk, broker_cnt);
        if (!mcluster) {
                fprintf(stderr,
                        "kafka-test-broker: failed to create mock cluster\n");
                goto out;
        }

        for (i = first_topic; i < argc; i++) {
                char *spec  = strdup(argv[i]);
                char *colon;
                int partitions;
                int rc;

                if (!spec) {
                        perror("kafka-test-broker: strdup");
                        goto out;
                }
                colon  = strrchr(spec, ':');
                *colon = '\0';
                parse_int(colon + 1, 1, 100000, &partitions);
                rc = create_topic(mcluster, broker_cnt, spec, partitions,
                                  errstr, sizeof(errstr));
                free(spec);
                if (rc == -1) {
                        fprintf(stderr,
                                "kafka-test-broker: create topic %s: %s\n",
                                argv[i], errstr);
                        goto out;
                }
        }

        printf("BOOTSTRAP %s\n", rd_kafka_mock_cluster_bootstraps(mcluster));
        if (fflush(stdout) == EOF)
                goto out;

        command_loop(mcluster, broker_cnt);
        exit_code = 0;

out:
        if (mcluster)
                rd_kafka_mock_cluster_destroy(mcluster);
        if (rk)
                rd_kafka_destroy(rk);
        if (sig_pipe[0] != -1) {
                close(sig_pipe[0]);
                close(sig_pipe[1]);
        }
        return exit_code;
}
