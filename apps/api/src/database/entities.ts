import { ManufacturerEntity } from '../manufacturers/entities/manufacturer.entity.js';
import { ApiKeyEntity } from '../api-keys/entities/api-key.entity.js';
import { TenantEntity } from '../tenants/entities/tenant.entity.js';
import { UserEntity } from '../users/entities/user.entity.js';
import { Init1763900000000 } from './migrations/1763900000000-init.js';
import { Webhooks1764000000000 } from './migrations/1764000000000-webhooks.js';
import { TriageSearchIndexes1764000000100 } from './migrations/1764000000100-triage-search-indexes.js';
import { StaffRolePolicies1764000000200 } from './migrations/1764000000200-staff-role-policies.js';
import { Paperwork1764000000600 } from './migrations/1764000000600-paperwork.js';
import { LeanWritePath1764000000700 } from './migrations/1764000000700-lean-write-path.js';
import { ManufacturerChanges1764000000800 } from './migrations/1764000000800-manufacturer-changes.js';
import { LoginAttempts1764000000900 } from './migrations/1764000000900-login-attempts.js';
import { TicketCounts1764000001100 } from './migrations/1764000001100-ticket-counts.js';
import { UserSessions1764000001200 } from './migrations/1764000001200-user-sessions.js';
import { ManufacturerRevisions1764000001300 } from './migrations/1764000001300-manufacturer-revisions.js';
import { ApiKeyChanges1764000001400 } from './migrations/1764000001400-api-key-changes.js';
import { UserLastSignIn1764000001500 } from './migrations/1764000001500-user-last-sign-in.js';
import { SetupTokens1764000001600 } from './migrations/1764000001600-setup-tokens.js';
import { WebhookUrlInConfiguration1764000001700 } from './migrations/1764000001700-webhook-url-in-configuration.js';
import { MigrationsReadable1764000001900 } from './migrations/1764000001900-migrations-readable.js';
import { TicketDayFigures1764000002000 } from './migrations/1764000002000-ticket-day-figures.js';
import { Returns1764000002100 } from './migrations/1764000002100-returns.js';
import { Parcels1764000002200 } from './migrations/1764000002200-parcels.js';
import { WebhookPayloadVersion1764000002300 } from './migrations/1764000002300-webhook-payload-version.js';

export const ENTITIES = [TenantEntity, UserEntity, ApiKeyEntity, ManufacturerEntity];
export const MIGRATIONS = [
  Init1763900000000,
  Webhooks1764000000000,
  TriageSearchIndexes1764000000100,
  StaffRolePolicies1764000000200,
  Paperwork1764000000600,
  LeanWritePath1764000000700,
  ManufacturerChanges1764000000800,
  LoginAttempts1764000000900,
  TicketCounts1764000001100,
  UserSessions1764000001200,
  ManufacturerRevisions1764000001300,
  ApiKeyChanges1764000001400,
  UserLastSignIn1764000001500,
  SetupTokens1764000001600,
  WebhookUrlInConfiguration1764000001700,
  MigrationsReadable1764000001900,
  TicketDayFigures1764000002000,
  Returns1764000002100,
  Parcels1764000002200,
  WebhookPayloadVersion1764000002300,
];
