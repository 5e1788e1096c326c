export { Table, FreezeTableName, Timestamps } from './table';
export { Column, Default, PrimaryKey, AutoIncrement, AllowNull, Unique, Comment, CreatedAt, UpdatedAt, Index } from './attribute';
export type { AttributeDecorator, ModelClassDecorator } from './protocol';
