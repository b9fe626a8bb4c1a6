import { Injectable } from '@nestjs/common';
import { Signals } from '../common/signals.js';

/** Nudges the mail dispatcher when a message was written. */
@Injectable()
export class MailSignals extends Signals {}
