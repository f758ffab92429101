namespace HeadlessPortal.Application.Common.Errors;

/// <summary>Lets pipeline behaviours see whether a request failed without knowing its value type.</summary>
public interface IResult
{
    bool IsSuccess { get; }
}

/// <summary>The outcome of a request that can fail in expected ways.</summary>
public sealed class Result<T> : IResult
{
    private readonly T? _value;

    private Result(T value)
    {
        _value = value;
        IsSuccess = true;
    }

    private Result(Error error) => Error = error;

    public bool IsSuccess { get; }

    public Error? Error { get; }

    public T Value => IsSuccess ? _value! : throw new InvalidOperationException("A failed result has no value.");

    public static Result<T> Success(T value) => new(value);

    public static Result<T> Failure(Error error) => new(error);

    public static implicit operator Result<T>(T value) => new(value);

    public static implicit operator Result<T>(Error error) => new(error);
}
