export { Button, buttonClasses, type ButtonProps, type ButtonVariant } from "./button";
export { Field, type FieldProps } from "./field";
export { Card, type CardProps } from "./card";
export { PageHeader, type PageHeaderProps } from "./page-header";
export { EmptyState, type EmptyStateProps } from "./empty-state";
export { cx } from "./cx";
