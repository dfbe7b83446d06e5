import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";

/**
 * "Require DPoP" (RFC 9449 §5.2 dpop_bound_access_tokens), the same field in Create Client and in a
 * client's Settings; submitted as the form field `dpopBoundAccessTokens` ("on" when checked).
 */
export function DpopField({ defaultChecked = false }: { defaultChecked?: boolean }) {
  return (
    <div className="flex items-start gap-2">
      <Checkbox
        id="dpopBoundAccessTokens"
        name="dpopBoundAccessTokens"
        defaultChecked={defaultChecked}
        className="mt-0.5"
        aria-describedby="dpopBoundAccessTokens-help"
      />
      <div className="grid gap-1">
        <Label htmlFor="dpopBoundAccessTokens" className="leading-snug">
          Require DPoP (sender-constrained tokens)
        </Label>
        <p id="dpopBoundAccessTokens-help" className="text-sm text-muted-foreground">
          Token requests without a DPoP proof are refused, so every token this client gets works only with its private
          key. Turn on only if the client supports DPoP (RFC 9449).
        </p>
      </div>
    </div>
  );
}
