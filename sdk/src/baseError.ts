import { BaseError } from 'viem';

/**
 * The base of every error the SDK throws. Printed (an uncaught error, `console.log`), it shows its message, its
 * own values and its stack, not the ABIs of the call that failed: those stay on `cause` (non-enumerable).
 */
export class ConclaveError extends BaseError {
  constructor(shortMessage: string, options: ConstructorParameters<typeof BaseError>[1] = {}) {
    super(shortMessage, options);
    // The message is what it says and what it means; viem's docs link, details and version stay on their fields.
    const full = this.message;
    const message = [shortMessage, ...(options.metaMessages ?? [])].join('\n');
    this.message = message;
    if (this.stack) this.stack = this.stack.replace(full, message);
    // viem's bookkeeping and the failed call's cause (whose ABI runs to thousands of lines) stay readable but are
    // not printed; Node prints a cause whatever its enumerability, so it is kept out of sight behind `cause`.
    for (const key of ['details', 'docsPath', 'metaMessages', 'shortMessage', 'version']) {
      if (Object.hasOwn(this, key)) Object.defineProperty(this, key, { enumerable: false });
    }
    const cause = options.cause;
    if (cause !== undefined) {
      quiet(cause);
      Object.defineProperty(this, 'cause', { value: cause, enumerable: false, writable: true, configurable: true });
    }
  }
}

/** Hides the ABIs that viem keeps on its errors (down the cause chain) from printing; they stay readable. */
export function quiet<T>(error: T): T {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 10; e = (e as { cause?: unknown }).cause, depth++) {
    for (const key of ['abi', 'details', 'docsPath', 'formattedArgs', 'metaMessages', 'shortMessage', 'version']) {
      if (Object.hasOwn(e, key)) Object.defineProperty(e, key, { enumerable: false });
    }
  }
  return error;
}

