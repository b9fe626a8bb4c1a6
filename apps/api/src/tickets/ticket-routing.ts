import { Injectable } from '@nestjs/common';
import {
  decideRoute,
  effectiveFeePolicy,
  routingValues,
  RulesConfigError,
  submissionProblems,
  ticketFacts,
  type Decision,
  type TicketContent,
  type TicketStatus,
} from '@rma/rules';
import { AppException, ErrorCode, ValidationException } from '../common/errors.js';
import { Clock } from '../common/clock.js';
import type { Principal } from '../auth/principal.js';
import type { ManufacturerEntity } from '../manufacturers/entities/manufacturer.entity.js';
import { feeOverridesOf, recordsOf } from './ticket-content.js';
import type { TicketEventValues } from './ticket-event-row.js';
import type { TicketValues } from './ticket-row.js';
import { actorEntry, systemEntry } from './ticket-timeline.js';
import { TicketsRepository, type StoredFacts } from './tickets.repository.js';

/**
 * Deciding a ticket (the rules' decideRoute on its content and the distributor's records) and what
 * routing it writes: shared by the submit (a new ticket, a draft submitted) and a support-ticket
 * number supplied, and by the preview.
 */
@Injectable()
export class TicketRouting {
  constructor(
    private readonly repo: TicketsRepository,
    private readonly clock: Clock,
  ) {}

  /** What submitting needs; every missing field is named (a 400 writing nothing). */
  assertComplete(c: TicketContent, mf: ManufacturerEntity | null): void {
    const missing = submissionProblems(c, { manufacturerKnown: mf != null });
    if (missing.length) throw new ValidationException(missing);
  }

  /** The facts the rules need that live in the database, for this content of the tenant's. */
  gather(tenantId: string, content: TicketContent): Promise<StoredFacts> {
    return this.repo.gatherFacts(
      tenantId,
      content.product?.serialNumber ?? null,
      content.product?.sku ?? null,
    );
  }

  decide(content: TicketContent, mf: ManufacturerEntity | null, stored: StoredFacts): Decision {
    try {
      return decideRoute({
        ticket: ticketFacts(content, recordsOf(stored)),
        manufacturer: mf?.config ?? null,
        fees: effectiveFeePolicy(feeOverridesOf(stored)),
        today: this.clock.today(),
      });
    } catch (err) {
      if (err instanceof RulesConfigError) {
        throw new AppException(
          ErrorCode.CONFLICT,
          `The manufacturer's configuration cannot route tickets: ${err.message}`,
        );
      }
      throw err;
    }
  }

  /**
   * Decides a submitted ticket and says where it goes; appends to `events` the SUBMIT entry (unless
   * `alreadySubmitted`: the caller wrote its own) and the ROUTE entry.
   */
  async route(
    p: Principal,
    tenantId: string,
    content: TicketContent,
    mf: ManufacturerEntity | null,
    from: TicketStatus,
    events: TicketEventValues[],
    alreadySubmitted = false,
  ): Promise<TicketValues> {
    const stored = await this.gather(tenantId, content);
    return this.routeWith(p, content, mf, stored, from, events, alreadySubmitted);
  }

  /** {@link route} with the facts already gathered (a return's items gather theirs in one statement). */
  routeWith(
    p: Principal,
    content: TicketContent,
    mf: ManufacturerEntity | null,
    stored: StoredFacts,
    from: TicketStatus,
    events: TicketEventValues[],
    alreadySubmitted = false,
  ): TicketValues {
    const decision = this.decide(content, mf, stored);
    const routed = routingValues(decision, this.clock.today(), stored.tenant?.currency);
    if (!alreadySubmitted) events.push(actorEntry(p, 'SUBMIT', from, 'SUBMITTED'));
    events.push(systemEntry('ROUTE', 'SUBMITTED', routed.status, decision.reasons.join(' ')));
    return {
      ...routed,
      manufacturerRevision: mf?.revision ?? null,
      submittedAt: this.clock.now(),
    };
  }
}
