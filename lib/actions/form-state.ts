/** What a form's server action returns to `useActionState`. */
export type FormState = {
  status: "idle" | "error" | "success";
  message?: string;
  fieldErrors?: Record<string, string[]>;
  /** Echoed non-secret values, so a failed submit keeps what the person typed. */
  values?: Record<string, string>;
};

export const initialFormState: FormState = { status: "idle" };
