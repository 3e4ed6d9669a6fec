// A result as a doctor reads it: the value with its unit, and an abnormal one marked in words and
// style (never colour alone), so that it stands out on screen and on paper.
import { useTranslation } from "react-i18next";
import { formatRange, formatResultNumber, type ResultView } from "./order";

export function ResultValue({ result }: { result: ResultView }) {
  const { t, i18n } = useTranslation("orders");
  const decimal = i18n.language === "en" ? "." : ",";
  const abnormal = result.flag === "high" || result.flag === "low";
  return (
    <span className={abnormal ? `result-value result-abnormal result-${result.flag}` : "result-value"} data-flag={result.flag ?? undefined}>
      {result.valueNumeric !== null ? (
        <>
          <strong>{formatResultNumber(result.valueNumeric, decimal)}</strong>
          {result.unit ? ` ${result.unit}` : null}
          {abnormal ? (
            <span className="result-flag" title={t(result.flag === "high" ? "flag.highLong" : "flag.lowLong")}>
              {" "}
              {result.flag === "high" ? "↑" : "↓"} {t(`flag.${result.flag!}`)}
            </span>
          ) : null}
        </>
      ) : null}
      {result.valueText ? <span className="result-text">{result.valueNumeric !== null ? ` (${result.valueText})` : result.valueText}</span> : null}
      {result.corrected ? <span className="muted"> ({t("corrected")})</span> : null}
    </span>
  );
}

export function ResultRange({ result }: { result: ResultView }) {
  const { i18n } = useTranslation("orders");
  return <>{formatRange(result.referenceLow, result.referenceHigh, i18n.language === "en" ? "." : ",")}</>;
}
