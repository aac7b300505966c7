"""The data every layer shares: findings, the Rule base class, the run's Context, the config and what it reads."""
