import { Module } from '@nestjs/common';
import { ManufacturersController } from './manufacturers.controller.js';
import { ManufacturersRepository } from './manufacturers.repository.js';
import { ManufacturersService } from './manufacturers.service.js';

@Module({
  controllers: [ManufacturersController],
  providers: [ManufacturersRepository, ManufacturersService],
  exports: [ManufacturersService],
})
export class ManufacturersModule {}
