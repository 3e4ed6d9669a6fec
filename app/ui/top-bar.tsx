// The bar across the top of every page: where you are (the hospital, or the product), the main
// navigation, who is signed in, the language switch and sign-out.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { LanguageSwitch, SignOutButton } from "~/auth/account-controls";

type TopBarProps = {
  brand: { label: string; to?: string };
  nav?: ReactNode;
  /** The signed-in person's name; without it there is no sign-out button. */
  userName?: string;
};

export function TopBar({ brand, nav, userName }: TopBarProps) {
  const { t } = useTranslation(["common", "auth"]);
  return (
    <>
      <a className="skip-link" href="#main">
        {t("nav.skipToContent")}
      </a>
      <header className="topbar">
        {brand.to ? (
          <Link className="brand" to={brand.to}>
            {brand.label}
          </Link>
        ) : (
          <span className="brand">{brand.label}</span>
        )}
        {nav ? <nav aria-label={t("auth:topBar.navLabel")}>{nav}</nav> : null}
        <span className="spacer" />
        {userName ? <span>{t("auth:topBar.signedInAs", { name: userName })}</span> : null}
        <LanguageSwitch />
        {userName ? <SignOutButton /> : null}
      </header>
    </>
  );
}

/** A whole page: the top bar, then the page in <main> (the skip link's target). */
export function PageFrame({ children, className, ...bar }: TopBarProps & { children: ReactNode; className?: string }) {
  return (
    <>
      <TopBar {...bar} />
      <main id="main" tabIndex={-1} className={className}>
        {children}
      </main>
    </>
  );
}
