import { AppError } from "@/lib/errors/app-error";

export type AccountTokenProblem = "unknown" | "used" | "expired";

const MESSAGES: Record<AccountTokenProblem, string> = {
  unknown: "This link is not valid. Check that you copied all of it, or ask for a new one.",
  used: "This link has already been used. Ask for a new one if you still need it.",
  expired: "This link has expired or was replaced by a newer one. Ask for a new one.",
};

/** Why a mailed link did not work; the message is written for the person who clicked it. */
export class AccountTokenError extends AppError {
  override name = "AccountTokenError";

  constructor(readonly problem: AccountTokenProblem) {
    super(problem === "unknown" ? "not_found" : "conflict", MESSAGES[problem]);
  }
}

export function isAccountTokenError(error: unknown): error is AccountTokenError {
  return error instanceof AccountTokenError;
}
