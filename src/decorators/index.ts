export { Table, FreezeTableName, Timestamps } from './table';
export { Column, Default, PrimaryKey, AutoIncrement, AllowNull, Unique, Comment, CreatedAt, UpdatedAt, Index } from './attribute';
export { BelongsTo, HasOne, HasMany, BelongsToMany, ForeignKey } from './associations';
