import type { ApolloServerPlugin, BaseContext, GraphQLRequestListener } from '@apollo/server';
import {
  BREAK,
  getArgumentValues,
  getDirectiveValues,
  getVariableValues,
  GraphQLError,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type ASTNode,
  type DocumentNode,
  type ExecutableDefinitionNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { BadUserInputError } from '../errors/gateway-errors';

type Variables = Readonly<Record<string, unknown>>;

/**
 * A nullable variable may stand for a non-null argument that has a default (`action: LikeAction! = AUTO`), and
 * graphql-js refuses its `null` only while executing: Apollo would answer HTTP 200 with `data: null`, where any
 * other bad variable is refused with 400 before anything runs. This refuses it the same way, once the operation
 * is known, with the variables coerced as execution will coerce them.
 */
export function nullArgumentPlugin(): ApolloServerPlugin {
  // One listener object for every request: it holds no state, and this runs on each of them.
  const listener: GraphQLRequestListener<BaseContext> = {
    async didResolveOperation({ schema, document, operation, request }) {
      const inputs = request.variables ?? {};
      // The usual case costs a glance at the variables: only a null can fail this way.
      if (!operation || !passesNull(operation, inputs)) return;
      const { coerced } = getVariableValues(schema, operation.variableDefinitions ?? [], inputs);
      const error = coerced && argumentError(schema, document, operation, coerced);
      if (!error) return;
      const refused = new BadUserInputError(error.message, {}, error.nodes);
      refused.extensions.http = { status: 400 };
      throw refused;
    },
  };
  return { requestDidStart: async () => listener };
}

function passesNull(operation: OperationDefinitionNode, inputs: Variables): boolean {
  return (operation.variableDefinitions ?? []).some(({ variable, defaultValue }) =>
    Object.hasOwn(inputs, variable.name.value)
      ? inputs[variable.name.value] === null
      : defaultValue?.kind === Kind.NULL,
  );
}

/** The first argument of a field that would run that execution would refuse, as graphql-js words it. */
function argumentError(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Variables,
): GraphQLError | undefined {
  const fragments = new Map(
    document.definitions
      .filter((node): node is FragmentDefinitionNode => node.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const pending: ExecutableDefinitionNode[] = [operation];
  const spread = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  let found: GraphQLError | undefined;
  const visitor = visitWithTypeInfo(typeInfo, {
    enter(node) {
      if (!runs(node, variables)) return false;
      if (node.kind === Kind.FRAGMENT_SPREAD && !spread.has(node.name.value)) {
        spread.add(node.name.value);
        const fragment = fragments.get(node.name.value);
        if (fragment) pending.push(fragment);
      }
      const field = node.kind === Kind.FIELD ? typeInfo.getFieldDef() : null;
      if (node.kind !== Kind.FIELD || !field) return undefined;
      found = refusal(() => getArgumentValues(field, node, variables));
      return found ? BREAK : undefined;
    },
  });
  for (let next = pending.pop(); next && !found; next = pending.pop()) visit(next, visitor);
  return found;
}

// What @skip and @include leave out never runs, so its arguments cannot fail.
function runs(node: ASTNode, variables: Variables): boolean {
  if (node.kind !== Kind.FIELD && node.kind !== Kind.INLINE_FRAGMENT && node.kind !== Kind.FRAGMENT_SPREAD) {
    return true;
  }
  return (
    getDirectiveValues(GraphQLSkipDirective, node, variables)?.if !== true &&
    getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false
  );
}

function refusal(check: () => unknown): GraphQLError | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    if (error instanceof GraphQLError) return error;
    throw error;
  }
}
