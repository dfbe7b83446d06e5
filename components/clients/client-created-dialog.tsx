"use client";

import { CodeSnippet, CopyableValue, SecretReveal } from "@/components/feedback/secret-reveal";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import type { ClientDto } from "@/lib/services";
import { authorizationServerMetadataUrl, authorizationUrlTemplate, clientCredentialsCurl } from "./client-snippets";

export interface CreatedServer {
  slug: string;
  issuer: string;
  resourceUrl: string;
}

/**
 * The one-time view after creating a client: its ID, its secret (if any) and how to use them.
 * It only closes on purpose (Done, Escape or the close button), and closing leaves the page.
 */
export function ClientCreatedDialog({
  client,
  clientSecret,
  server,
  onClose,
}: {
  client: ClientDto;
  clientSecret: string | null;
  server: CreatedServer;
  onClose: () => void;
}) {
  const isClientCredentials = client.flow === "client_credentials";
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="sm:max-w-2xl" onInteractOutside={(event) => event.preventDefault()}>
        <DialogHeader>
          <DialogTitle>Client created</DialogTitle>
          <DialogDescription>
            {clientSecret
              ? `Copy the client secret of “${client.name}” now: it will not be shown again.`
              : client.tokenEndpointAuthMethod === "private_key_jwt"
                ? `“${client.name}” has no secret: it authenticates with JWTs signed by its private key (private_key_jwt).`
                : `“${client.name}” is a public client: it has no secret and proves itself with PKCE.`}
          </DialogDescription>
        </DialogHeader>

        <div className="grid gap-4">
          <CopyableValue label="Client ID" value={client.clientId} autoFocus={!clientSecret} />
          {clientSecret ? <SecretReveal label="Client secret" secret={clientSecret} /> : null}

          {isClientCredentials ? (
            <div className="grid gap-2">
              <p className="text-sm text-muted-foreground">
                Get an access token: set <code className="font-mono">CLIENT_ID</code> and{" "}
                <code className="font-mono">CLIENT_SECRET</code> in your shell, then run
              </p>
              <CodeSnippet
                label="Token request"
                code={clientCredentialsCurl({ issuer: server.issuer, resourceUrl: server.resourceUrl })}
              />
            </div>
          ) : (
            <div className="grid gap-2">
              <p className="text-sm text-muted-foreground">
                Send users to this URL. Replace <code className="font-mono">CODE_CHALLENGE</code> with the base64url
                SHA-256 of a fresh PKCE code verifier, and <code className="font-mono">STATE</code> with a random value
                you check when they come back.
              </p>
              <CodeSnippet
                label="Authorization URL"
                code={authorizationUrlTemplate({
                  issuer: server.issuer,
                  clientId: client.clientId,
                  redirectUri: client.redirectUris[0] ?? "",
                  resourceUrl: server.resourceUrl,
                  scopes: client.allowedScopes,
                })}
              />
              <CopyableValue
                label="Authorization server metadata"
                value={authorizationServerMetadataUrl(server.issuer, server.slug)}
              />
            </div>
          )}
        </div>

        <DialogFooter>
          <Button type="button" onClick={onClose}>
            Done
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
