export { Table, FreezeTableName, Timestamps } from './table';
export { Column, Default, PrimaryKey, AutoIncrement, AllowNull, Unique, Comment, CreatedAt, UpdatedAt, Index } from './attribute';
export type { AttributeDecorator, ModelClassDecorator } from './protocol';
export {
  Validate, DeletedAt, DefaultScope, Scopes,
  BeforeValidate, AfterValidate, ValidationFailed, BeforeCreate, AfterCreate, BeforeUpdate, AfterUpdate, BeforeSave, AfterSave,
  BeforeDestroy, AfterDestroy, BeforeRestore, AfterRestore, BeforeUpsert, AfterUpsert, BeforeBulkCreate, AfterBulkCreate,
  BeforeBulkUpdate, AfterBulkUpdate, BeforeBulkDestroy, AfterBulkDestroy, BeforeBulkRestore, AfterBulkRestore,
  BeforeFind, AfterFind, BeforeCount, BeforeSync, AfterSync,
} from './lifecycle';
export { BelongsTo, HasOne, HasMany, BelongsToMany, ForeignKey } from './associations';
