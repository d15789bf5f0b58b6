import { BadRequestException } from '@nestjs/common';

/** A 400 shaped like the validation pipe's: it names the parameter to fix. */
export function badParameter(parameter: string, message: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', parameter, message });
}
