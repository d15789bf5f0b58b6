import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

function firstProblem(
  errors: ValidationError[],
  path = '',
): { parameter: string; message: string } {
  const [error] = errors;
  const parameter = path ? `${path}.${error.property}` : error.property;
  if (error.constraints) {
    return { parameter, message: Object.values(error.constraints)[0] };
  }
  return firstProblem(error.children ?? [], parameter);
}

/**
 * The `/v1` pipe: converts and validates parameters, and answers 400 with the name of the first bad
 * parameter, e.g. `{"statusCode":400,"error":"Bad Request","parameter":"depth","message":"depth
 * must be an integer from 1 to 1000"}`. Applied to the REST controllers rather than app-wide, so
 * Kafka handlers (which share the app's global pipes) keep their own validation.
 */
export function restValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    exceptionFactory: (errors) => {
      const { parameter, message } = firstProblem(errors);
      return new BadRequestException({ statusCode: 400, error: 'Bad Request', parameter, message });
    },
  });
}
