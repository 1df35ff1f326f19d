export { BreachesPage as default, breachesMetadata as generateMetadata } from "@/features/dpo/breaches/breaches-page";
