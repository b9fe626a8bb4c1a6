import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE, STAFF_ROLE } from '../database.constants.js';

/**
 * A manufacturer's configuration decides where its tickets go, so every version of it is kept, and
 * every routed ticket says which version decided it:
 * - `manufacturers.revision` counts the versions; an UPDATE that changes the name, the configuration
 *   or the return address raises it (a trigger, so an operator's SQL counts too);
 * - `manufacturer_revisions` keeps each version with who made it (`app.actor_id` / `app.actor_label`,
 *   set by the API in the change's transaction; none for a seed or an operator's SQL), written by a
 *   SECURITY DEFINER trigger: the API's roles may read the history but not write, change or remove it;
 * - `tickets.manufacturer_revision` is the version the ticket's decision was made with.
 */
export class ManufacturerRevisions1764000001300 implements MigrationInterface {
  name = 'ManufacturerRevisions1764000001300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE manufacturers ADD COLUMN revision integer NOT NULL DEFAULT 1`);
    await q.query(`ALTER TABLE tickets ADD COLUMN manufacturer_revision integer`);
    await q.query(`
      CREATE TABLE manufacturer_revisions (
        manufacturer_id uuid NOT NULL REFERENCES manufacturers(id) ON DELETE CASCADE,
        revision integer NOT NULL,
        name varchar NOT NULL,
        config jsonb NOT NULL,
        return_address text,
        changed_by uuid,
        changed_by_label varchar(300),
        changed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (manufacturer_id, revision)
      )`);
    await q.query(`REVOKE INSERT, UPDATE, DELETE ON manufacturer_revisions FROM ${APP_ROLE}, ${STAFF_ROLE}`);
    await q.query(`GRANT SELECT ON manufacturer_revisions TO ${APP_ROLE}, ${STAFF_ROLE}`);
    await q.query(`
      INSERT INTO manufacturer_revisions (manufacturer_id, revision, name, config, return_address, changed_at)
      SELECT id, revision, name, config, return_address, updated_at FROM manufacturers`);
    await q.query(`
      CREATE FUNCTION manufacturer_revision_next() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.revision := OLD.revision
          + CASE WHEN (NEW.name, NEW.config, NEW.return_address) IS DISTINCT FROM (OLD.name, OLD.config, OLD.return_address)
                 THEN 1 ELSE 0 END;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER manufacturers_revision_next BEFORE UPDATE ON manufacturers
        FOR EACH ROW EXECUTE FUNCTION manufacturer_revision_next()`);
    await q.query(`
      CREATE FUNCTION manufacturer_revision_kept() RETURNS trigger LANGUAGE plpgsql
        SECURITY DEFINER SET search_path = public AS $$
      BEGIN
        IF TG_OP = 'INSERT' OR NEW.revision <> OLD.revision THEN
          INSERT INTO manufacturer_revisions (manufacturer_id, revision, name, config, return_address, changed_by, changed_by_label)
          VALUES (NEW.id, NEW.revision, NEW.name, NEW.config, NEW.return_address,
                  nullif(current_setting('app.actor_id', true), '')::uuid,
                  nullif(current_setting('app.actor_label', true), ''));
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER manufacturers_revision_kept AFTER INSERT OR UPDATE ON manufacturers
        FOR EACH ROW EXECUTE FUNCTION manufacturer_revision_kept()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER manufacturers_revision_kept ON manufacturers`);
    await q.query(`DROP FUNCTION manufacturer_revision_kept()`);
    await q.query(`DROP TRIGGER manufacturers_revision_next ON manufacturers`);
    await q.query(`DROP FUNCTION manufacturer_revision_next()`);
    await q.query(`DROP TABLE manufacturer_revisions`);
    await q.query(`ALTER TABLE tickets DROP COLUMN manufacturer_revision`);
    await q.query(`ALTER TABLE manufacturers DROP COLUMN revision`);
  }
}
