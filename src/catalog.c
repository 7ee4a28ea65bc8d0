/*-------------------------------------------------------------------------
 *
 * catalog.c
 *	  The common touchpoints of each journey stage, digital and physical.
 *
 * Drawn from the stage descriptions of marketing guides (docs/touchpoints.md).
 * Names are stable identifiers: users' event tables refer to them, so a
 * release may add touchpoints but never rename one.
 *
 *-------------------------------------------------------------------------
 */
#include "catalog.h"
#include "stage_label.h"

#define D "digital"
#define P "physical"

const BuiltinTouchpoint builtin_touchpoints[] = {
	/* awareness */
	{"search_engine", STAGE_AWARENESS, "search", D, "Organic search engine result (SEO)", 30, 0},
	{"search_ad", STAGE_AWARENESS, "search", D, "Paid search engine ad", 20, 0},
	{"social_media_post", STAGE_AWARENESS, "social", D, "Organic social media post", 18, 0},
	{"social_media_ad", STAGE_AWARENESS, "social", D, "Paid social media ad", 22, 0},
	{"display_ad", STAGE_AWARENESS, "display", D, "Banner or display ad on another site", 16, 0},
	{"video_ad", STAGE_AWARENESS, "display", D, "Video ad before or within online video", 8, 0},
	{"blog_post", STAGE_AWARENESS, "content", D, "Blog article or other content found online", 14, 0},
	{"influencer_post", STAGE_AWARENESS, "social", D, "Post by an opinion leader or influencer", 6, 0},
	{"pr_article", STAGE_AWARENESS, "pr", P, "Press coverage earned by PR", 4, 0},
	{"radio_ad", STAGE_AWARENESS, "broadcast", P, "Radio ad", 4, 0},
	{"tv_ad", STAGE_AWARENESS, "broadcast", P, "Television ad", 4, 0},
	{"print_ad", STAGE_AWARENESS, "print", P, "Ad in a newspaper or magazine", 4, 0},
	{"outdoor_ad", STAGE_AWARENESS, "print", P, "Billboard or other outdoor ad", 3, 0},
	{"direct_mail", STAGE_AWARENESS, "print", P, "Addressed mail or leaflet", 4, 0},
	{"event", STAGE_AWARENESS, "events", P, "Public event or sponsorship", 3, 0},
	{"trade_fair", STAGE_AWARENESS, "events", P, "Stand at a trade fair", 3, 0},
	{"word_of_mouth", STAGE_AWARENESS, "referral", P, "Heard of the brand from someone they know", 6, 0},

	/* consideration */
	{"website_visit", STAGE_CONSIDERATION, "web", D, "Visit to the brand's website", 30, 0},
	{"landing_page", STAGE_CONSIDERATION, "web", D, "Campaign landing page", 10, 0},
	{"product_page", STAGE_CONSIDERATION, "web", D, "Product or service page", 24, 0},
	{"pricing_page", STAGE_CONSIDERATION, "web", D, "Pricing page", 12, 0},
	{"cost_calculator", STAGE_CONSIDERATION, "web", D, "Online cost or savings calculator", 3, 0},
	{"lead_form", STAGE_CONSIDERATION, "web", D, "Contact or lead form filled in", 4, 0},
	{"chat", STAGE_CONSIDERATION, "chat", D, "Chat with the brand on its website", 5, 0},
	{"product_video", STAGE_CONSIDERATION, "content", D, "Product or how-to video", 8, 0},
	{"ebook", STAGE_CONSIDERATION, "content", D, "Guide or e-book download", 4, 0},
	{"case_study", STAGE_CONSIDERATION, "content", D, "Customer case study or reference", 4, 0},
	{"webinar", STAGE_CONSIDERATION, "events", D, "Webinar attended", 5, 0},
	{"review_site", STAGE_CONSIDERATION, "reviews", D, "Reviews read on a review site", 10, 0},
	{"comparison_site", STAGE_CONSIDERATION, "reviews", D, "Comparison or price-comparison site", 7, 0},
	{"forum", STAGE_CONSIDERATION, "social", D, "Discussion forum, Q&A site or wiki", 4, 0},
	{"newsletter", STAGE_CONSIDERATION, "email", D, "Marketing newsletter opened", 10, 0},
	{"coupon_email", STAGE_CONSIDERATION, "email", D, "Reminder or coupon email", 6, 0},
	{"retargeting_ad", STAGE_CONSIDERATION, "display", D, "Retargeting ad after a site visit", 10, 0},
	{"digital_demo", STAGE_CONSIDERATION, "sales", D, "Online product demo", 3, 0},
	{"sales_call", STAGE_CONSIDERATION, "sales", P, "Phone call with a salesperson", 3, 0},
	{"sales_meeting", STAGE_CONSIDERATION, "sales", P, "Meeting or presentation with a salesperson", 2, 0},
	{"product_demo", STAGE_CONSIDERATION, "sales", P, "Hands-on product demo", 2, 0},
	{"brochure", STAGE_CONSIDERATION, "print", P, "Printed brochure or catalogue", 3, 0},
	{"product_sample", STAGE_CONSIDERATION, "store", P, "Free product sample", 2, 0},
	{"showroom", STAGE_CONSIDERATION, "store", P, "Visit to a showroom", 3, 0},
	{"store_visit", STAGE_CONSIDERATION, "store", P, "Visit to a store without buying", 8, 0},
	{"reseller", STAGE_CONSIDERATION, "partner", P, "Advice from a reseller or partner", 2, 0},

	/* purchase */
	{"webshop", STAGE_PURCHASE, "web", D, "Webshop visit with items in the cart", 0, 0},
	{"checkout", STAGE_PURCHASE, "web", D, "Order paid at the webshop checkout", 55, 1},
	{"app_purchase", STAGE_PURCHASE, "app", D, "Order placed in the mobile app", 12, 1},
	{"store_checkout", STAGE_PURCHASE, "store", P, "Purchase at the store checkout", 25, 1},
	{"contract_signing", STAGE_PURCHASE, "sales", P, "Contract signed with a salesperson", 8, 1},
	{"order_confirmation", STAGE_PURCHASE, "email", D, "Order confirmation email", 0, 0},

	/* retention */
	{"delivery_tracking", STAGE_RETENTION, "email", D, "Shipment tracking message", 12, 0},
	{"unboxing", STAGE_RETENTION, "product", P, "Packaging and first use of the product", 4, 0},
	{"onboarding_email", STAGE_RETENTION, "email", D, "Onboarding or usage instructions by email", 14, 0},
	{"help_video", STAGE_RETENTION, "content", D, "Help video or online manual", 6, 0},
	{"customer_portal", STAGE_RETENTION, "web", D, "Login to the customer portal", 10, 0},
	{"support_ticket", STAGE_RETENTION, "support", D, "Support request by email or web form", 8, 0},
	{"support_call", STAGE_RETENTION, "support", P, "Support phone call", 4, 0},
	{"customer_newsletter", STAGE_RETENTION, "email", D, "Newsletter for existing customers", 14, 0},
	{"loyalty_programme", STAGE_RETENTION, "loyalty", D, "Loyalty points earned or redeemed", 8, 0},
	{"customer_survey", STAGE_RETENTION, "survey", D, "Customer satisfaction (CSAT) survey", 5, 0},
	{"nps_survey", STAGE_RETENTION, "survey", D, "Net Promoter Score survey", 4, 0},
	{"customer_community", STAGE_RETENTION, "social", D, "Customer community or social media interaction", 4, 0},
	{"installation_visit", STAGE_RETENTION, "partner", P, "Installation or delivery by a partner", 2, 0},
	{"customer_event", STAGE_RETENTION, "events", P, "Invitation to a customer event or training", 2, 0},
	{"customer_magazine", STAGE_RETENTION, "print", P, "Printed customer magazine", 3, 0},

	/* advocacy */
	{"review_written", STAGE_ADVOCACY, "reviews", D, "Review written by the customer", 30, 0},
	{"referral", STAGE_ADVOCACY, "referral", D, "Friend referred through a referral programme", 20, 0},
	{"social_share", STAGE_ADVOCACY, "social", D, "Brand content shared on social media", 25, 0},
	{"testimonial", STAGE_ADVOCACY, "content", D, "Testimonial or case study given", 5, 0},
	{"recommendation", STAGE_ADVOCACY, "referral", P, "Recommended to friends or family in person", 15, 0},
	{"ambassador_programme", STAGE_ADVOCACY, "referral", D, "Joined a brand ambassador programme", 5, 0},
};

const int	num_builtin_touchpoints =
sizeof(builtin_touchpoints) / sizeof(builtin_touchpoints[0]);
