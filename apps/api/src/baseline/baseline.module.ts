import { Module } from '@nestjs/common';
import { BaselineController } from './baseline.controller.js';

@Module({ controllers: [BaselineController] })
export class BaselineModule {}
