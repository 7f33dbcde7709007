import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import gql from 'graphql-tag';
import { buildSchema, createResolversMap } from 'type-graphql';
import { LikeMessageResolver } from '../message/like-message.resolver';
import type { LikeMessageService } from '../message/like-message.service';
import { Message } from '../message/message.entity';

// Federation 2.3 is the oldest spec with everything used here, so older routers compose us too.
const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';

export interface SchemaServices {
  readonly likes: LikeMessageService;
}

/** Builds the Apollo Federation 2 subgraph schema once; it is also a valid standalone schema. */
export async function buildGatewaySchema(services: SchemaServices): Promise<GraphQLSchema> {
  const resolvers = new Map<unknown, unknown>([
    [LikeMessageResolver, new LikeMessageResolver(services.likes)],
  ]);
  const typeGraphqlSchema = await buildSchema({
    resolvers: [LikeMessageResolver],
    container: { get: (resolverClass) => resolvers.get(resolverClass) },
    // The subgraph library adds the Query root (_service, _entities) below.
    skipCheck: true,
  });
  const generated = createResolversMap(typeGraphqlSchema) as GraphQLResolverMap<unknown>;
  const resolverMap: GraphQLResolverMap<unknown> = {
    ...generated,
    // Any (portal, id) pair names a message: Bitrix24 offers no cheap existence check, and the fields are the key.
    Message: {
      ...(generated.Message as object),
      __resolveReference: ({ portal, id }: Message) => Message.of(portal, id),
    },
  };
  return buildSubgraphSchema({
    typeDefs: gql`
      ${FEDERATION_LINK}
      ${describeMutationRoot(printSchemaWithDirectives(typeGraphqlSchema))}
    `,
    resolvers: resolverMap,
  });
}

// type-graphql gives root types no description; the playground's docs show this one first.
function describeMutationRoot(sdl: string): string {
  return sdl.replace(
    /^type Mutation \{/m,
    `"""Changes made in Bitrix24 on the caller's behalf."""\ntype Mutation {`,
  );
}
