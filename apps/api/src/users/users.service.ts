import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';
import type { QueryDeepPartialEntity } from 'typeorm';
import {
  AppException,
  ErrorCode,
  NotFoundException,
  ValidationException,
  type FieldProblem,
} from '../common/errors.js';
import { ALL_TENANTS, Database } from '../database/database.service.js';
import { isStaffPrincipal, scopeOf, type Principal } from '../auth/principal.js';
import { UserSessions } from '../auth/user-sessions.js';
import { MailOutbox } from '../mail/mail-outbox.service.js';
import type { CreateUserDto, UpdateUserDto } from './dto.js';
import type { UserEntity } from './entities/user.entity.js';
import type { UserDoc } from './users.docs.js';
import { UsersRepository } from './users.repository.js';
import { TenantsRepository } from '../tenants/tenants.repository.js';

const toView = (u: UserEntity): UserDoc => ({
  id: u.id,
  tenantId: u.tenantId,
  email: u.email,
  name: u.name,
  role: u.role,
  disabled: u.disabledAt !== null,
  lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
  createdAt: u.createdAt.toISOString(),
});

@Injectable()
export class UsersService {
  constructor(
    private readonly db: Database,
    private readonly tenants: TenantsRepository,
    private readonly repo: UsersRepository,
    private readonly sessions: UserSessions,
    private readonly mail: MailOutbox,
  ) {}

  /** A reseller's own users; for staff, everyone, one reseller's (`tenantId`) or the staff's (`staff`). */
  list(p: Principal, q: { tenantId?: string; staff?: 'true' | 'false' }): Promise<UserDoc[]> {
    return this.db.run(scopeOf(p), async () => {
      const filter = !isStaffPrincipal(p) ? p.tenantId! : q.staff === 'true' ? null : q.tenantId;
      return (await this.repo.list(filter)).map(toView);
    });
  }

  async create(p: Principal, dto: CreateUserDto): Promise<UserDoc> {
    const staffRole = dto.role.startsWith('DISTRIBUTOR_');
    let tenantId: string | null;
    if (isStaffPrincipal(p)) {
      if (staffRole && dto.tenantId)
        throw new ValidationException([{ field: 'tenantId', message: 'staff users belong to no tenant' }]);
      if (!staffRole && !dto.tenantId)
        throw new ValidationException([{ field: 'tenantId', message: 'required for reseller users' }]);
      tenantId = staffRole ? null : dto.tenantId!;
    } else {
      if (staffRole)
        throw new ValidationException([
          { field: 'role', message: 'resellers may create reseller users only' },
        ]);
      if (dto.tenantId && dto.tenantId !== p.tenantId)
        throw new ValidationException([{ field: 'tenantId', message: 'must be your own tenant' }]);
      tenantId = p.tenantId;
    }
    // E-mails are unique platform-wide; the check runs unscoped so the answer is the same for every tenant
    // (and the unique index answers a race with the same 409).
    const taken = await this.db.run(ALL_TENANTS, () => this.repo.emailTaken(dto.email));
    if (taken)
      throw new AppException(ErrorCode.CONFLICT, 'This e-mail is already registered', [
        { field: 'email', message: 'already registered' },
      ]);
    return this.db.run(staffRole ? ALL_TENANTS : scopeOf(p), async () => {
      if (tenantId && isStaffPrincipal(p)) {
        if (!(await this.tenants.exists(tenantId)))
          throw new ValidationException([{ field: 'tenantId', message: 'unknown tenant' }]);
      }
      const passwordHash = await argon2.hash(dto.password);
      return toView(
        await this.repo.insert({
          tenantId,
          email: dto.email,
          name: dto.name,
          role: dto.role,
          passwordHash,
        }),
      );
    });
  }

  /**
   * An admin's change to a user. A new password or disabling ends the user's sessions; a new role or
   * name applies to them at once. Admins change their own account's password with the current one
   * (POST /auth/password), and cannot disable or demote themselves.
   */
  async update(p: Principal, id: string, dto: UpdateUserDto): Promise<UserDoc> {
    if (p.kind === 'user' && id === p.id) {
      const own: FieldProblem[] = [];
      if (dto.disabled === true)
        own.push({ field: 'disabled', message: 'you cannot disable your own account' });
      if (dto.role !== undefined && dto.role !== p.role)
        own.push({ field: 'role', message: 'you cannot change your own role' });
      if (dto.password !== undefined)
        own.push({
          field: 'password',
          message: 'change your own password with your current one (POST /auth/password)',
        });
      if (own.length) throw new ValidationException(own);
    }
    // Hashed before the transaction: it takes a while, and holds no connection meanwhile.
    const passwordHash = dto.password !== undefined ? await argon2.hash(dto.password) : undefined;
    const view = await this.db.run(scopeOf(p), async () => {
      const u = await this.repo.findById(id);
      if (!u) throw new NotFoundException('User');
      if (dto.role && dto.role.startsWith('DISTRIBUTOR_') !== u.role.startsWith('DISTRIBUTOR_')) {
        throw new ValidationException([
          { field: 'role', message: 'cannot move a user between staff and reseller roles' },
        ]);
      }
      const values: QueryDeepPartialEntity<UserEntity> = {};
      if (dto.name !== undefined) values.name = dto.name;
      if (dto.role !== undefined) values.role = dto.role;
      if (passwordHash !== undefined) values.passwordHash = passwordHash;
      if (dto.disabled !== undefined) values.disabledAt = dto.disabled ? new Date() : null;
      if (passwordHash !== undefined || dto.disabled === true)
        values.sessionEpoch = () => 'session_epoch + 1';
      if (Object.keys(values).length) await this.repo.update(id, values);
      if (passwordHash !== undefined) await this.mail.passwordChanged({ ...u, changedBy: p.label });
      return toView((await this.repo.findById(id))!);
    });
    this.sessions.forget(id);
    return view;
  }
}
