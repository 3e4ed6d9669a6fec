// The frame of every printout: a toolbar for the screen (print, paper size, back), the sheet, and the
// footer every paper copy carries: that it is a copy of the electronic record, the hospital, a lookup
// code and a QR code of the record's address, when and by whom it was printed (decision 049).
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "~/ui/button";

export const PAPER_SIZES = ["a4", "a5"] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];

type PrintSheetProps = {
  paper: PaperSize;
  back: string;
  here: string;
  footer: { hospitalName: string; lookupCode: string; qr: string; printedAt: string; printedBy: string };
  children: ReactNode;
};

export function PrintSheet({ paper, back, here, footer, children }: PrintSheetProps) {
  const { t } = useTranslation("print");
  return (
    <div className="print-page">
      <div className="print-toolbar no-print">
        <Link to={back}>{t("actions.back")}</Link>
        <span className="print-paper">
          {t("actions.paper")}:{" "}
          {PAPER_SIZES.map((size) =>
            size === paper ? (
              <strong key={size} aria-current="true">
                {t(`actions.${size}`)}
              </strong>
            ) : (
              <Link key={size} to={`${here}?paper=${size}`}>
                {t(`actions.${size}`)}
              </Link>
            ),
          )}
        </span>
        <Button type="button" onClick={() => window.print()}>
          {t("actions.print")}
        </Button>
      </div>
      <article className={`print-sheet print-${paper}`}>
        {children}
        <footer className="print-footer">
          <img className="print-qr" src={footer.qr} alt={t("footer.qr")} width={72} height={72} />
          <div>
            <p>
              <strong>{t("footer.copy")}</strong>
            </p>
            <p>{t("footer.hospital", { hospital: footer.hospitalName })}</p>
            <p>{t("footer.lookup", { code: footer.lookupCode })}</p>
            <p>{t("footer.printedAt", { at: footer.printedAt, name: footer.printedBy })}</p>
          </div>
        </footer>
      </article>
    </div>
  );
}
