// A message across the page: ok (saved), error (refused), warn (read-only, session ending), info.
// `focus` moves the keyboard and screen-reader focus to it when it appears, so that after a save the
// person hears what happened and goes on from there instead of from the top of the page.
import { useEffect, useRef, type ReactNode } from "react";

export type BannerTone = "ok" | "error" | "warn" | "info";

type BannerProps = {
  tone: BannerTone;
  children: ReactNode;
  focus?: boolean;
  id?: string;
  className?: string;
  "data-testid"?: string;
};

export function Banner({ tone, children, focus = false, id, className, "data-testid": testId }: BannerProps) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus) element.current?.focus();
  }, [focus]);
  return (
    <div
      ref={element}
      id={id}
      // Errors interrupt; everything else waits its turn.
      role={tone === "error" ? "alert" : "status"}
      tabIndex={focus ? -1 : undefined}
      className={["banner", `banner-${tone}`, className].filter(Boolean).join(" ")}
      data-testid={testId}
    >
      {children}
    </div>
  );
}
