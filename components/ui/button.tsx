import type { ButtonHTMLAttributes } from "react";
import { buttonBase, buttonVariants, type ButtonVariant } from "./variants";

export function Button({
  variant = "primary",
  className = "",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant }) {
  return <button className={`${buttonBase} ${buttonVariants[variant]} ${className}`} {...props} />;
}
