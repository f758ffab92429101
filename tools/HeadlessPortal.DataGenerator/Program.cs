using System.Diagnostics;
using HeadlessPortal.DataGenerator;

// Writes an NDJSON import file for POST /v1/admin/imports; see GeneratorOptions for the command line.
if (!GeneratorOptions.TryParse(args, out var options, out var problem))
{
    Console.Error.WriteLine(problem);
    Console.Error.WriteLine(GeneratorOptions.Usage);
    return 2;
}

var stopwatch = Stopwatch.StartNew();
var counts = await ImportFileWriter.WriteAsync(options, CancellationToken.None);
Console.Error.WriteLine(
    $"wrote {counts.Lines} lines to {options.Output} in {stopwatch.Elapsed.TotalSeconds:F1} s: " +
    $"{counts.Customers} customers, {counts.Locations} locations, {counts.Jobs} jobs, {counts.Appointments} appointments, {counts.Invoices} invoices");
return 0;
