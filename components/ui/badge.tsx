import { cva, type VariantProps } from "class-variance-authority";
import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

const badgeVariants = cva("inline-flex items-center rounded-full border px-2 py-0.5 text-xs font-medium", {
  variants: {
    variant: {
      default: "border-border bg-muted text-foreground",
      success: "border-emerald-500/40 bg-emerald-500/10 text-emerald-700 dark:text-emerald-300",
      // Darker than the theme colours on their 10% tints, which fell under 4.5:1 at this size.
      warning: "border-amber-500/40 bg-amber-500/10 text-amber-800 dark:text-amber-300",
      destructive: "border-destructive/40 bg-destructive/10 text-red-700 dark:text-red-300",
    },
  },
  defaultVariants: { variant: "default" },
});

export function Badge({ className, variant, ...props }: ComponentProps<"span"> & VariantProps<typeof badgeVariants>) {
  return <span className={cn(badgeVariants({ variant }), className)} {...props} />;
}
