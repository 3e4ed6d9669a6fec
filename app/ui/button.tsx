// Buttons and links that look like buttons. Primary for the one main action of a form, secondary for
// the rest; a link that navigates stays a link (it opens in a new tab, it works without JavaScript).
import { Link, type LinkProps } from "@remix-run/react";
import type { ButtonHTMLAttributes } from "react";

export type ButtonVariant = "primary" | "secondary" | "link";

const classFor = (variant: ButtonVariant, className?: string) =>
  ["button", variant === "primary" ? null : variant, className].filter(Boolean).join(" ");

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant };

export function Button({ variant = "primary", type = "button", className, ...props }: ButtonProps) {
  return <button type={type} className={classFor(variant, className)} {...props} />;
}

export function ButtonLink({ variant = "secondary", className, ...props }: LinkProps & { variant?: ButtonVariant }) {
  return <Link className={classFor(variant, className)} {...props} />;
}
