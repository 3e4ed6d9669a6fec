// The top of every page: an optional way back, the heading, the page's main actions, a line of intro.
// The heading can take focus (tabIndex -1), so a page can move focus to it after a save or a refusal.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

type PageHeaderProps = {
  title: ReactNode;
  back?: { to: string; label: string };
  actions?: ReactNode;
  intro?: ReactNode;
};

export const PAGE_HEADING_ID = "page-heading";

export function PageHeader({ title, back, actions, intro }: PageHeaderProps) {
  return (
    <div className="page-header">
      {back ? (
        <p className="page-back">
          <Link to={back.to}>{back.label}</Link>
        </p>
      ) : null}
      <div className="page-title-row">
        <h1 id={PAGE_HEADING_ID} tabIndex={-1}>
          {title}
        </h1>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </div>
      {intro ? <p className="muted page-intro">{intro}</p> : null}
    </div>
  );
}
