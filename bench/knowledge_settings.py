"""Settings for bench/knowledge_throughput.sh: production settings plus a bare view (bench/knowledge_urls.py)."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.knowledge_urls"
