/**
 * Thrown inside the streaming JSON parser where JSON.parse would reject the text; the parser catches it and
 * reports a failure, so it never reaches callers. Anything else thrown (a sink's own error) passes through.
 */
export class InvalidJsonError extends Error {}
