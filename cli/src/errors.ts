import { ConclaveContractError, ConclaveValidationError } from '@conclave/sdk';
import { BaseError, HttpRequestError } from 'viem';
import { toJson } from './format.js';

/** What a failed command reports: one or two lines for people, an object for scripts. */
export type ErrorReport = { name: string; message: string; detail?: string | undefined; [key: string]: unknown };

/**
 * A failure in one or two lines, never a stack or an ABI: a contract's custom error by its decoded name and values,
 * an input the SDK refused by its reason, any other viem error by its short message.
 */
export function describeError(error: unknown): ErrorReport {
  if (error instanceof ConclaveContractError) {
    // `Name(argument: value, …)`, enum members and states by name, and what it means where that is not obvious.
    return {
      name: error.name,
      message: error.shortMessage,
      detail: oneLine(error.explanation),
      errorName: error.errorName,
      args: error.args,
      values: error.values,
    };
  }
  if (error instanceof ConclaveValidationError) {
    return { name: error.name, message: error.shortMessage, field: error.field };
  }
  if (error instanceof BaseError) {
    const http = error.walk((e) => e instanceof HttpRequestError);
    if (http instanceof HttpRequestError) {
      const cause = http.cause instanceof Error ? http.cause.message : http.details;
      return { name: http.name, message: `${http.shortMessage} (${http.url})`, detail: oneLine(cause) };
    }
    return { name: error.name, message: error.shortMessage, detail: oneLine(error.details) };
  }
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

function oneLine(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const line = text.split('\n')[0]!.trim();
  return line === '' || line.length > 200 ? undefined : line;
}

/** Writes the report to stderr: `error: …` (and at most one more line), or `{"error": {…}}` with `--json`. */
export function reportError(error: unknown, json: boolean): void {
  const report = describeError(error);
  if (json) {
    process.stderr.write(`${toJson({ error: report })}\n`);
    return;
  }
  const lines = report.message.split('\n');
  const detail = report.detail && !report.message.includes(report.detail) ? report.detail : lines[1];
  process.stderr.write(`error: ${lines[0]}\n${detail ? `  ${detail}\n` : ''}`);
}
