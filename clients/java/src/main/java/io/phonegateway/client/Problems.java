package io.phonegateway.client;

/** The exception of each problem code; {@link UnknownProblemException} for any other answer. */
final class Problems {

    private Problems() {
    }

    static PhoneGatewayException toException(ProblemDetails problem) {
        if (problem.code() == null) {
            return new UnknownProblemException(problem);
        }
        return switch (problem.code()) {
            case InvalidRequestException.CODE -> new InvalidRequestException(problem);
            case UnknownAppException.CODE -> new UnknownAppException(problem);
            case UnauthorizedException.CODE -> new UnauthorizedException(problem);
            case NotFoundException.CODE -> new NotFoundException(problem);
            case MethodNotAllowedException.CODE -> new MethodNotAllowedException(problem);
            case NotAcceptableException.CODE -> new NotAcceptableException(problem);
            case RequestTimeoutException.CODE -> new RequestTimeoutException(problem);
            case PayloadTooLargeException.CODE -> new PayloadTooLargeException(problem);
            case UnsupportedMediaTypeException.CODE -> new UnsupportedMediaTypeException(problem);
            case InvalidCodeException.CODE -> new InvalidCodeException(problem);
            case RateLimitedException.CODE -> new RateLimitedException(problem);
            case InternalErrorException.CODE -> new InternalErrorException(problem);
            case NotImplementedException.CODE -> new NotImplementedException(problem);
            case CodePossiblyConsumedException.CODE -> new CodePossiblyConsumedException(problem);
            case UpstreamAuthFailedException.CODE -> new UpstreamAuthFailedException(problem);
            case UpstreamErrorException.CODE -> new UpstreamErrorException(problem);
            case UpstreamBusyException.CODE -> new UpstreamBusyException(problem);
            case UpstreamRateLimitedException.CODE -> new UpstreamRateLimitedException(problem);
            case UpstreamUnavailableException.CODE -> new UpstreamUnavailableException(problem);
            case UpstreamTimeoutException.CODE -> new UpstreamTimeoutException(problem);
            case HighRiskUserException.CODE -> new HighRiskUserException(problem);
            case InvalidLoginCodeException.CODE -> new InvalidLoginCodeException(problem);
            case PhoneCodeNotOfUserException.CODE -> new PhoneCodeNotOfUserException(problem);
            case LoginRateLimitedException.CODE -> new LoginRateLimitedException(problem);
            case LoginCodePossiblyConsumedException.CODE -> new LoginCodePossiblyConsumedException(problem);
            case AppNotInScopeException.CODE -> new AppNotInScopeException(problem);
            case AdminScopeRequiredException.CODE -> new AdminScopeRequiredException(problem);
            case LedgerUnavailableException.CODE -> new LedgerUnavailableException(problem);
            default -> new UnknownProblemException(problem);
        };
    }
}
