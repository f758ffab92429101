using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace HeadlessPortal.Infrastructure.Persistence;

/// <summary>
/// Times that SQL compares (due times, lease ends) are stored as EF's binary form of a DateTimeOffset, a
/// 64-bit number that orders like the time for UTC values. Raw SQL that compares them passes
/// <see cref="ToProvider"/> of its times.
/// </summary>
internal static class LeaseTime
{
    public static readonly DateTimeOffsetToBinaryConverter Converter = new();

    public static long ToProvider(DateTimeOffset time) => (long)Converter.ConvertToProvider(time.ToUniversalTime())!;
}
