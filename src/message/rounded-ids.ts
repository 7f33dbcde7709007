import { Kind, type FieldNode, type ValueNode } from 'graphql';

type Variables = Readonly<Record<string, unknown>>;

/**
 * Ids sent as JSON numbers past 2^53 were rounded by JSON parsing before GraphQL coerced them to an ID, so they
 * name another message. The variables as the request sent them still show the number; nothing else can.
 */
const isRounded = (value: unknown): boolean => typeof value === 'number' && !Number.isSafeInteger(value);

const argument = (field: FieldNode, name: string) =>
  field.arguments?.find((node) => node.name.value === name)?.value;

const messageIdOf = (value: unknown): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>).messageId : undefined;

/** likeMessage: whether its `messageId` came from a variable sent as a rounded JSON number. */
export function roundedMessageId(field: FieldNode, variables: Variables): boolean {
  const node = argument(field, 'messageId');
  return node?.kind === Kind.VARIABLE && isRounded(variables[node.name.value]);
}

/** likeMessages: for each item of `likes`, in order, whether its `messageId` was a rounded JSON number. */
export function roundedItemIds(field: FieldNode, variables: Variables): boolean[] {
  const node = argument(field, 'likes');
  if (node?.kind === Kind.VARIABLE) {
    const sent = variables[node.name.value];
    return (Array.isArray(sent) ? sent : [sent]).map((item) => isRounded(messageIdOf(item)));
  }
  if (node?.kind === Kind.LIST) return node.values.map((item) => itemRounded(item, variables));
  return node ? [itemRounded(node, variables)] : [];
}

function itemRounded(item: ValueNode, variables: Variables): boolean {
  if (item.kind === Kind.VARIABLE) return isRounded(messageIdOf(variables[item.name.value]));
  if (item.kind !== Kind.OBJECT) return false;
  const id = item.fields.find((field) => field.name.value === 'messageId')?.value;
  return id?.kind === Kind.VARIABLE && isRounded(variables[id.name.value]);
}
