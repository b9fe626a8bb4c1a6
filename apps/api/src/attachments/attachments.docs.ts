import { ApiProperty } from '@nestjs/swagger';
import { DATE_TIME } from '../common/docs.js';
import { ATTACHMENT_KINDS } from './content-type.js';

/*
 * What the attachment endpoints answer, as a ticket's detail lists them too: the OpenAPI description and
 * the type toAttachmentView (views.ts) returns.
 */

export class AttachmentDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ATTACHMENT_KINDS }) kind: string;
  @ApiProperty() fileName: string;
  @ApiProperty({ description: 'Decided from the bytes' }) contentType: string;
  @ApiProperty({ description: 'Bytes' }) size: number;
  @ApiProperty() sha256: string;
  @ApiProperty() uploadedBy: string;
  @ApiProperty(DATE_TIME) createdAt: string;
  @ApiProperty({ description: "Download with the caller's credentials" }) href: string;
}
