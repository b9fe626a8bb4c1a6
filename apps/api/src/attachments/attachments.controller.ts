import {
  Body,
  Controller,
  Get,
  Header,
  Post,
  Query,
  Req,
  StreamableFile,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { ALL_ROLES, CurrentPrincipal, Public, Roles, type Principal } from '../auth/principal.js';
import { ApiErrors, ApiFileResponse } from '../common/docs.js';
import { ErrorCode } from '../common/errors.js';
import { MultipartInterceptor, spooledFiles } from '../common/multipart.js';
import { UuidParam } from '../common/params.js';
import { AttachmentDoc } from './attachments.docs.js';
import { AttachmentsService, type AttachmentDownload } from './attachments.service.js';
import { ATTACHMENT_KINDS } from './content-type.js';
import { SignedLinkQuery, UploadAttachmentDto } from './dto.js';

const AttachmentUpload = MultipartInterceptor((c) => ({
  field: 'file',
  maxBytes: c.attachments.maxBytes,
  maxFiles: c.attachments.maxPerTicket,
  tooMany: `a ticket holds at most ${c.attachments.maxPerTicket} attachments`,
}));

function asFile(d: AttachmentDownload): StreamableFile {
  const ascii = d.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return new StreamableFile(d.stream, {
    type: d.contentType,
    length: d.size,
    disposition: `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(d.fileName)}`,
  });
}

@ApiTags('attachments')
@Controller()
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @ApiOperation({ summary: 'Attach files to a ticket' })
  @ApiCreatedResponse({ type: [AttachmentDoc], description: 'The attachments added, one per file' })
  @Post('tickets/:id/attachments')
  @Roles(...ALL_ROLES)
  @ApiErrors(
    ErrorCode.UNSUPPORTED_MEDIA_TYPE,
    ErrorCode.ATTACHMENT_LIMIT_REACHED,
    ErrorCode.TRANSITION_NOT_ALLOWED,
  )
  @UseInterceptors(AttachmentUpload)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['kind', 'file'],
      properties: {
        kind: { type: 'string', enum: [...ATTACHMENT_KINDS] },
        file: { type: 'array', items: { type: 'string', format: 'binary' } },
      },
    },
    description: 'Photos, logs, proof of purchase: images, PDF, zip or text, typed by content',
  })
  upload(
    @CurrentPrincipal() p: Principal,
    @UuidParam() id: string,
    @Body() dto: UploadAttachmentDto,
    @Req() req: Request,
  ) {
    return this.attachments.upload(p, id, dto.kind, spooledFiles(req));
  }

  @ApiOperation({ summary: "List a ticket's attachments" })
  @ApiOkResponse({ type: [AttachmentDoc] })
  @Get('tickets/:id/attachments')
  @Roles(...ALL_ROLES)
  list(@CurrentPrincipal() p: Principal, @UuidParam() id: string) {
    return this.attachments.list(p, id);
  }

  @ApiOperation({ summary: 'Download an attachment' })
  @Get('tickets/:id/attachments/:attachmentId')
  @Roles(...ALL_ROLES)
  @ApiFileResponse('application/octet-stream', 'The file, in its own content type')
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Cache-Control', 'private, no-store')
  async download(
    @CurrentPrincipal() p: Principal,
    @UuidParam() id: string,
    @UuidParam('attachmentId') attachmentId: string,
  ) {
    return asFile(await this.attachments.download(p, id, attachmentId));
  }

  /** The signed, expiring link given to manufacturers in the webhook payload. */
  @ApiOperation({ summary: 'Download an attachment by its signed link' })
  @Get('attachments/:attachmentId/content')
  @Public()
  @ApiErrors(ErrorCode.FORBIDDEN)
  @ApiFileResponse('application/octet-stream', 'The file, in its own content type')
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Cache-Control', 'private, no-store')
  async downloadSigned(@UuidParam('attachmentId') id: string, @Query() q: SignedLinkQuery) {
    return asFile(await this.attachments.downloadSigned(id, q.expires, q.signature));
  }
}
