import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ALL_ROLES, CurrentPrincipal, Roles, STAFF_ROLES, type Principal } from '../auth/principal.js';
import { ApiErrors } from '../common/docs.js';
import { ErrorCode } from '../common/errors.js';
import { CreateInvoiceLineDto, CreateProductDto, ListInvoiceLinesQuery } from './dto.js';
import { InvoiceLineDoc, ProductDoc } from './products.docs.js';
import { ProductsService } from './products.service.js';

@ApiTags('products')
@Controller()
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @ApiOperation({ summary: 'List products' })
  @ApiOkResponse({ type: [ProductDoc] })
  @Get('products')
  @Roles(...ALL_ROLES)
  listProducts() {
    return this.products.listProducts();
  }

  @ApiOperation({ summary: 'Add a product' })
  @ApiCreatedResponse({ type: ProductDoc })
  @Post('products')
  @Roles(...STAFF_ROLES)
  @ApiErrors(ErrorCode.CONFLICT)
  createProduct(@Body() dto: CreateProductDto) {
    return this.products.createProduct(dto);
  }

  @ApiOperation({ summary: 'List invoice lines' })
  @ApiOkResponse({ type: [InvoiceLineDoc], description: 'Newest invoice first' })
  @Get('invoice-lines')
  @Roles(...ALL_ROLES)
  listLines(@CurrentPrincipal() p: Principal, @Query() q: ListInvoiceLinesQuery) {
    return this.products.listLines(p, q);
  }

  @ApiOperation({ summary: 'Add an invoice line' })
  @ApiCreatedResponse({ type: InvoiceLineDoc })
  @Post('invoice-lines')
  @Roles(...STAFF_ROLES)
  @ApiErrors(ErrorCode.CONFLICT) // the same invoice line twice
  createLine(@Body() dto: CreateInvoiceLineDto) {
    return this.products.createLine(dto);
  }
}
