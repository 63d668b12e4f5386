import type { Account, Chain, Client, Transport } from 'viem';
import { ConclaveValidationError } from '../errors.js';

/** A client with an account: what every action that sends a transaction or signs takes. */
export type SigningClient = Client<Transport, Chain | undefined, Account>;

/** @internal The client's account, or a typed error when it has none. */
export function requireAccount(client: Client<Transport, Chain | undefined, Account | undefined>): Account {
  if (!client.account) throw new ConclaveValidationError({ field: 'account', reason: 'the client needs an account' });
  return client.account;
}
