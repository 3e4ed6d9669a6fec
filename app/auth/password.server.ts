// Passwords with argon2id at OWASP's parameters (m=19 MiB, t=2, p=1). The algorithm is left at the
// library default (argon2id): its `Algorithm` const enum breaks isolatedModules (docs/stack.md).
import { hash, verify } from "@node-rs/argon2";

const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
