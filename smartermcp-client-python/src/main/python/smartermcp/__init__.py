"""SmarterMCP client for Python: every tool of the REST API, with typed errors. Standard library only."""
from ._calls import USER_AGENT
from ._generated import *  # noqa: F401,F403  the generated models and enums
from .client import (AdminClient, AnalyticsClient, BotsClient, CodegenClient, CrmClient, CrmContactsClient,
                     DocumentationClient, InfrastructureClient, ServicesClient, SmarterMCP, SupportClient,
                     WorkflowsClient)
from .errors import (BackendError, BackendNotConfiguredError, ConflictError, ForbiddenError, InternalServerError,
                     InvalidArgumentsError, NotFoundError, PayloadTooLargeError, RateLimitedError,
                     ServiceUnavailableError, SmarterMcpError, SmarterMcpTimeoutError, TenantAccessDeniedError,
                     TransportError, UnauthorizedError, UnknownToolError)

__version__ = "0.1.0"
