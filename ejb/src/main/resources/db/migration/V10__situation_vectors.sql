-- Issue 14, context retrieval: each recommendation's situation as a vector (BGE-small, 384 dimensions, unit
-- length), to find a child's similar past situations that got a 👍 ("before the last test, box breathing helped").
--
-- This is the embedded vector store, the default. A child has at most a few thousand situations, so the search is
-- exact: cosine similarity over the child's rows (index below), no approximate index and no extension needed.
-- With Weaviate configured (zenmoon.recommender.vector-store=weaviate) this table stays empty.
--
-- The child's erasure empties it like every table with a child_id (JpaChildRecordRepository), and a deleted child
-- takes its rows along. The application role gets its grants through V3's default privileges.

CREATE TABLE situation_vector (
    tenant_id         varchar(36)   NOT NULL,
    recommendation_id varchar(36)   NOT NULL,
    child_id          varchar(36)   NOT NULL,
    intervention      varchar(64)   NOT NULL,
    situation         varchar(2000) NOT NULL,
    helpful           boolean       NOT NULL,
    at                timestamptz   NOT NULL,
    embedding         real[]        NOT NULL CHECK (array_ndims(embedding) = 1 AND cardinality(embedding) > 0),
    PRIMARY KEY (tenant_id, recommendation_id),
    FOREIGN KEY (tenant_id, child_id) REFERENCES child (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX situation_vector_child ON situation_vector (tenant_id, child_id);

SELECT zenmoon_wall_tenant_table('situation_vector');
