"use client";

import { createContext, useContext, type ReactNode } from "react";

// The workspace layout knows whether the workspace is suspended; the controls that would change it (deep in
// client components on every page) ask here instead of each page passing a flag down. The server refuses those
// changes anyway (workspaceAction); this only keeps the controls from being offered.
const ReadOnlyContext = createContext(false);

export function WorkspaceReadOnlyProvider({ readOnly, children }: { readOnly: boolean; children: ReactNode }) {
  return <ReadOnlyContext.Provider value={readOnly}>{children}</ReadOnlyContext.Provider>;
}

/** True while the current workspace is suspended: hide or disable anything that would change it. */
export function useWorkspaceReadOnly(): boolean {
  return useContext(ReadOnlyContext);
}

export const READ_ONLY_NOTE = "This workspace is suspended, so it is read-only.";

/**
 * Wraps a form's fields: while the workspace is read-only they are disabled (a disabled fieldset disables every
 * control inside it) and the note says why. `display: contents`, so the form's own layout is unchanged.
 */
export function ReadOnlyFieldset({ children }: { children: ReactNode }) {
  const readOnly = useWorkspaceReadOnly();
  if (!readOnly) return children;
  return (
    <>
      <p className="text-xs text-muted-foreground">{READ_ONLY_NOTE}</p>
      <fieldset disabled className="contents">
        {children}
      </fieldset>
    </>
  );
}
