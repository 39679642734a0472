/**
 * Text embeddings for context retrieval: BGE-small-en-v1.5 (quantised ONNX, from the langchain4j model jar's
 * resources only) run by ONNX Runtime, with a WordPiece tokenizer of our own.
 */
package org.zenmoon.infrastructure.embedding;
