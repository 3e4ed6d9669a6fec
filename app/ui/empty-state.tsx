// What a list shows when it has nothing: what is missing, and what the person can do next.
import type { ReactNode } from "react";

export function EmptyState({ title, hint, children }: { title: string; hint?: string; children?: ReactNode }) {
  return (
    <div className="panel empty-state" role="status">
      <p className="empty-state-title">{title}</p>
      {hint ? <p className="muted">{hint}</p> : null}
      {children}
    </div>
  );
}
