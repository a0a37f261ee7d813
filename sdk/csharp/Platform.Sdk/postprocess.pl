#!/usr/bin/env perl
# Post-processes NSwag's Generated/PlatformClient.g.cs (run by the GenerateClient target; see README "Regenerate"):
#  1. enum properties use SnakeCaseEnumConverter (the API's snake_case values, unknown values tolerated);
#  2. every enum gets Unknown = -1, what a value newer than this SDK reads as (never sent);
#  3. enum members are PascalCase (OnSale); NSwag's On_sale stays as a hidden alias so older code still compiles;
#  4. failures with a Problem body throw PlatformProblemException (a PlatformApiException<Problem>);
#  5. each operation that takes an Idempotency-Key also gets an overload without it (the SDK's retries add one), so
#     calls written before the header was declared still compile.
use strict;
use warnings;

my $file = shift or die "usage: postprocess.pl <file>\n";
local $/;
open my $in, '<', $file or die "$file: $!\n";
my $code = <$in>;
close $in;

$code =~ s/System\.Text\.Json\.Serialization\.JsonStringEnumConverter</SnakeCaseEnumConverter</g;
$code =~ s/throw new PlatformApiException<Problem>\(/throw new PlatformProblemException(/g;

$code =~ s{(public enum \w+\r?\n\s*\{\r?\n)}{$1\n        /// <summary>A value this version of the SDK does not know (the API is newer). Never sent.</summary>\n        Unknown = -1,\n}g;

sub pascal { join '', map { ucfirst } split /_/, shift }
$code =~ s{^([ \t]+)(\[System\.Runtime\.Serialization\.EnumMember\(Value = \@"[^"]*"\)\]\r?\n)([ \t]+)([A-Z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+) = (\d+),$}
          {"$1$2$3" . pascal($4) . " = $5,\n\n$1/// <summary>The former name of " . pascal($4) . ".</summary>\n$1\[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]\n$1$2$3$4 = " . pascal($4) . ","}gme;

my @overloads;
while ($code =~ /public virtual async (System\.Threading\.Tasks\.Task(?:<[\w.]+>)?) (\w+)\(([^)]*?)string\? idempotency_Key, ([^)]*?)System\.Threading\.CancellationToken cancellationToken\)/g) {
    my ($type, $name, $before, $after) = ($1, $2, $3, $4);
    my $params = "$before$after";
    my @args = map { (split / /)[-1] } grep { length } split /, /, $params;
    my @call = map { $_ } ((map { (split / /)[-1] } grep { length } split /, /, $before), "null", (map { (split / /)[-1] } grep { length } split /, /, $after));
    push @overloads, "        /// <summary>$name without an explicit Idempotency-Key: the SDK's retries add one (see RequestOptions.IdempotencyKey).</summary>\n"
        . "        public virtual $type $name(${params}System.Threading.CancellationToken cancellationToken = default)\n"
        . "        {\n            return $name(" . join(', ', @call, 'cancellationToken') . ");\n        }\n";
}
my $anchor = 'partial void ProcessResponse(System.Net.Http.HttpClient client, System.Net.Http.HttpResponseMessage response);';
my $all = join "\n", @overloads;
$code =~ s/\Q$anchor\E/$anchor\n\n$all/ or die "no ProcessResponse anchor\n";

open my $out, '>', $file or die "$file: $!\n";
print $out $code;
close $out;
