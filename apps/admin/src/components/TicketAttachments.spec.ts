import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Attachment } from '../api/attachments';
import { configureClient } from '../api/client';
import { useToastStore } from '../stores/toasts';
import TicketAttachments from './TicketAttachments.vue';

const TICKET = '11111111-1111-4111-8111-111111111111';

function attachment(over: Partial<Attachment> = {}): Attachment {
  return {
    id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
    kind: 'PHOTO',
    fileName: 'front.jpg',
    contentType: 'image/jpeg',
    size: 2048,
    sha256: 'abc',
    uploadedBy: 'Rita Reseller',
    createdAt: '2026-03-02T10:00:00.000Z',
    href: `/api/v1/tickets/${TICKET}/attachments/aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa`,
    ...over,
  };
}

async function chooseFile(w: ReturnType<typeof mount>, file: File): Promise<void> {
  const input = w.get('[data-testid="attachment-files"]');
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true });
  await input.trigger('change');
}

describe('TicketAttachments', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    configureClient({ getToken: () => 't', onUnauthorized: () => undefined });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('lists the files with kind, size and who added them', () => {
    const w = mount(TicketAttachments, {
      props: {
        ticketId: TICKET,
        canUpload: true,
        attachments: [
          attachment(),
          attachment({ id: 'b', kind: 'PROOF_OF_PURCHASE', fileName: 'invoice.pdf', size: 3 * 1024 * 1024 }),
        ],
      },
    });
    const rows = w.findAll('[data-testid="attachment"]');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.text()).toContain('front.jpg');
    expect(rows[0]!.text()).toContain('Photo');
    expect(rows[0]!.text()).toContain('2 KB');
    expect(rows[0]!.text()).toContain('Rita Reseller');
    expect(rows[1]!.text()).toContain('Proof of purchase');
    expect(rows[1]!.text()).toContain('3.0 MB');
  });

  it('says when there are none, and hides the upload on a closed ticket', () => {
    const w = mount(TicketAttachments, { props: { ticketId: TICKET, canUpload: false, attachments: [] } });
    expect(w.find('[data-testid="no-attachments"]').exists()).toBe(true);
    expect(w.find('[data-testid="attachment-upload"]').exists()).toBe(false);
  });

  it('uploads the kind and the files as multipart, and reports what was created', async () => {
    const fetchMock = vi.fn(
      async (_url: string | URL | Request, _init?: RequestInit) =>
        new Response(JSON.stringify([attachment({ id: 'new', kind: 'LOG', fileName: 'boot.log' })]), {
          status: 201,
        }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const w = mount(TicketAttachments, { props: { ticketId: TICKET, canUpload: true, attachments: [] } });
    await w.get('[data-testid="attachment-kind"]').setValue('LOG');
    await chooseFile(w, new File(['boot ok\n'], 'boot.log', { type: 'text/plain' }));
    await w.get('form').trigger('submit');
    await flushPromises();
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe(`/api/v1/tickets/${TICKET}/attachments`);
    const body = init!.body as FormData;
    expect(body).toBeInstanceOf(FormData);
    expect(body.get('kind')).toBe('LOG');
    expect((body.getAll('file')[0] as File).name).toBe('boot.log');
    expect((init!.headers as Record<string, string>)['Content-Type']).toBeUndefined();
    expect(w.emitted('uploaded')![0]![0]).toEqual([expect.objectContaining({ fileName: 'boot.log' })]);
  });

  it('shows a 415 refusal beside the file input and as a toast', async () => {
    const message = 'setup.exe: its content is application/x-msdownload, which is not accepted';
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(
            JSON.stringify({
              statusCode: 415,
              code: 'UNSUPPORTED_MEDIA_TYPE',
              message: `Refused: ${message}. Accepted: images, PDF, zip and text files.`,
              errors: [{ field: 'file[0]', message }],
            }),
            { status: 415 },
          ),
      ),
    );
    const w = mount(TicketAttachments, { props: { ticketId: TICKET, canUpload: true, attachments: [] } });
    await chooseFile(w, new File(['MZ'], 'setup.exe'));
    await w.get('form').trigger('submit');
    await flushPromises();
    expect(w.get('.field-error').text()).toBe(message);
    const toasts = useToastStore().toasts;
    expect(toasts.at(-1)?.kind).toBe('error');
    expect(toasts.at(-1)?.message).toContain('Accepted: images, PDF, zip and text files');
    expect(w.emitted('uploaded')).toBeUndefined();
  });

  it('asks for a file before sending anything', async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    const w = mount(TicketAttachments, { props: { ticketId: TICKET, canUpload: true, attachments: [] } });
    await w.get('form').trigger('submit');
    expect(w.get('.field-error').text()).toBe('Choose at least one file.');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('downloads through the client with the token and saves the file', async () => {
    const fetchMock = vi.fn(
      async (_url: string | URL | Request, _init?: RequestInit) =>
        new Response('jpegbytes', {
          status: 200,
          headers: { 'content-disposition': 'attachment; filename="front.jpg"' },
        }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const createObjectURL = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:x');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const w = mount(TicketAttachments, {
      props: { ticketId: TICKET, canUpload: true, attachments: [attachment()] },
    });
    await w.get('[data-testid="attachment"] button').trigger('click');
    await flushPromises();
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe(`/api/v1/tickets/${TICKET}/attachments/aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa`);
    expect((init!.headers as Record<string, string>)['Authorization']).toBe('Bearer t');
    expect(createObjectURL).toHaveBeenCalled();
    expect(click).toHaveBeenCalled();
  });
});
