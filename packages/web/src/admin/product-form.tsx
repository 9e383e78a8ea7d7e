import { useId } from "react";
import type { NewProduct, Product } from "../api/types";
import { Field } from "../ui/field";

/** Euros (or any two-decimal currency) as typed, "12.50" or "12,50", to minor units; anything else is left for the API to refuse. */
function minorUnits(text: string): number {
  const normalized = text.trim().replace(",", ".");
  return /^\d+(\.\d{1,2})?$/.test(normalized) ? Math.round(Number(normalized) * 100) : Number.NaN;
}

const wholeNumber = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);

/**
 * The product a submitted form describes. Input that is not a number becomes NaN, which JSON
 * sends as null, so the API's own validation names the field (`price.amount`, `stock`).
 */
export function productFromForm(values: Record<string, string>): NewProduct {
  return {
    name: values.name ?? "",
    description: values.description ?? "",
    price: { amount: minorUnits(values["price.amount"] ?? ""), currency: (values["price.currency"] ?? "").trim().toUpperCase() },
    stock: wholeNumber(values.stock ?? ""),
  };
}

/** The editable fields of a product, filled from `initial` (a new product starts empty, in EUR). */
export function ProductFields({ initial, errors }: { initial?: Pick<Product, "name" | "description" | "price" | "stock">; errors: Record<string, string> }) {
  const descriptionId = useId();
  return (
    <>
      <Field label="Name" name="name" defaultValue={initial?.name ?? ""} errors={errors} autoComplete="off" />
      <div className={errors.description ? "field field-invalid" : "field"}>
        <label htmlFor={descriptionId}>Description</label>
        <textarea id={descriptionId} name="description" rows={4} defaultValue={initial?.description ?? ""} aria-invalid={errors.description ? true : undefined} />
        {errors.description ? <p className="field-error">Description: {errors.description}</p> : null}
      </div>
      <div className="field-row">
        <Field label="Price" name="price.amount" inputMode="decimal" hint="For example 24.90" defaultValue={initial ? (initial.price.amount / 100).toFixed(2) : ""} errors={errors} />
        <Field label="Currency" name="price.currency" defaultValue={initial?.price.currency ?? "EUR"} maxLength={3} errors={errors} />
        <Field label="Stock" name="stock" inputMode="numeric" defaultValue={initial ? String(initial.stock) : ""} errors={errors} />
      </div>
    </>
  );
}
