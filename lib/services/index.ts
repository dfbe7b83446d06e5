// The service layer: every business operation. Server actions, JSON routes and the CLI call these;
// nothing else writes to the database.
export * from "./errors";
export { systemContext, actorLabel, type Actor, type ServiceContext } from "./context";
export { runIdempotent, IDEMPOTENCY_TTL_MS, type StoredResponse } from "./idempotency/idempotency-keys";
export { completeSetup, isSetupComplete } from "./setup/setup";
export {
  authenticateUser,
  InvalidCredentialsError,
  PasswordsOffError,
  SIGN_IN_LIMITS,
  signInBackoffMs,
  type AuthenticatedUser,
  type SignInClock,
} from "./users/authenticate-user";
export { getSessionUser, type SessionUser } from "./users/get-session-user";
export { createUser, CreateUserInput } from "./users/create-user";
export { setUserPassword, SetUserPasswordInput } from "./users/set-user-password";
export { listUsers } from "./users/list-users";
export { createEndUser, CreateEndUserInput, type CreateEndUserResult } from "./users/create-end-user";
export { resetUserPassword, type ResetUserPasswordResult } from "./users/reset-user-password";
export { changeOwnPassword, ChangeOwnPasswordInput } from "./users/change-own-password";
export { describeInvite, InvalidInviteError, INVITE_TTL_MS, setPasswordFromInvite } from "./users/user-invites";
export { passwordPolicyProblem } from "./users/password-policy";
export { deprovisionUser, type DeprovisionResult } from "./users/deprovision-user";
export type { UserDto } from "./users/user-dto";
export { listMembers } from "./members/list-members";
export { addMember, type AddMemberResult } from "./members/add-member";
export { changeMemberRole } from "./members/change-member-role";
export { removeMember } from "./members/remove-member";
export { createServer } from "./servers/create-server";
export { updateServer } from "./servers/update-server";
export { patchServer } from "./servers/patch-server";
export { deleteServer, type DeletedServerCounts } from "./servers/delete-server";
export { getServerFootprint, type ServerFootprint } from "./servers/server-footprint";
export { listServers, getServerBySlug } from "./servers/list-servers";
export { ensureDemoServer } from "./servers/ensure-demo-server";
export { issuerFor, type ServerDto, type ScopeDto } from "./servers/server-dto";
export {
  listAuditEvents,
  iterateAuditEvents,
  parseAuditFilter,
  AUDIT_PAGE_SIZE,
  type AuditEventDto,
  type AuditPageDto,
} from "./audit/list-audit-events";
export { auditCsvHeader, auditCsvRow } from "./audit/audit-csv";
export { getAuditRetentionDays, setAuditRetention, sweepAuditEvents, type AuditSweep } from "./audit/audit-retention";
export { createClient, type CreateClientResult } from "./clients/create-client";
export { updateClient } from "./clients/update-client";
export { rotateClientSecret } from "./clients/rotate-client-secret";
export { revokePreviousClientSecret } from "./clients/revoke-previous-secret";
export { setClientDisabled } from "./clients/set-client-disabled";
export { deleteClient } from "./clients/delete-client";
export { listClients, getClient, CLIENTS_PAGE_SIZE, type ClientPageDto } from "./clients/list-clients";
export type { ClientDto } from "./clients/client-dto";
export {
  createApiKey,
  listApiKeys,
  revokeApiKey,
  authenticateApiKey,
  API_KEY_PREFIX,
  type ApiKeyDto,
} from "./api-keys/api-keys";
export {
  listClientConsents,
  revokeClientConsents,
  revokeAllClientConsents,
  CONSENTS_PAGE_SIZE,
  type ConsentPageDto,
} from "./consents/client-consents";
export {
  getUserAccess,
  revokeUserConsents,
  revokeConsent,
  revokeAllUserAccess,
  setUserDisabled,
  listMyApps,
  revokeMyApp,
} from "./consents/user-access";
export type { ConsentDto } from "./consents/consent-dto";
export type { RevokedConsent } from "./consents/revoke-consents";
export {
  createWebhook,
  listWebhooks,
  getWebhook,
  updateWebhook,
  deleteWebhook,
  listDeliveries,
  redeliver,
  type WebhookDto,
  type DeliveryDto,
} from "./webhooks/webhooks";
export { getClientActivity, type ActivityDay } from "./activity/client-activity";
export {
  getMetadataDocumentStatus,
  refreshMetadataDocument,
  type MetadataDocumentStatusDto,
  type RefreshMetadataDocumentResult,
} from "./cimd/refresh-metadata-document";
export { getClientLogo } from "./cimd/client-logo";
export { approveClient } from "./clients/approve-client";
export { deleteClients } from "./clients/delete-clients";
export {
  createInitialAccessToken,
  listInitialAccessTokens,
  revokeInitialAccessToken,
  type InitialAccessTokenDto,
  type InitialAccessTokenStatus,
} from "./dcr/initial-access-tokens";
export { pruneDcrClients, type PrunedServer } from "./dcr/prune-dcr-clients";
export {
  listIdentityProviders,
  getIdentityProvider,
  createIdentityProvider,
  updateIdentityProvider,
  deleteIdentityProvider,
  testIdentityProvider,
} from "./identity/identity-providers";
export type { IdentityProviderDto } from "./identity/provider-dto";
export {
  startUpstreamLogin,
  finishUpstreamLogin,
  redeemLoginTicket,
  SsoRefusedError,
  type FinishedLogin,
} from "./identity/upstream-login";
export {
  getSignInOptions,
  routeEmailToProvider,
  setLocalPasswordsForEndUsers,
  getLocalPasswordsForEndUsers,
  type SignInOptions,
  type SignInProvider,
} from "./identity/sign-in-options";
export {
  authenticateScimToken,
  createScimToken,
  CreateScimTokenInput,
  RevokeScimTokenInput,
  listScimTokens,
  revokeScimToken,
  SCIM_TOKEN_PREFIX,
  type ScimCaller,
  type ScimTokenDto,
} from "./scim/scim-tokens";
export {
  createScimUser,
  deleteScimUser,
  getScimUser,
  listScimUsers,
  patchScimUser,
  replaceScimUser,
  scimContext,
} from "./scim/scim-users";
